"""Ranked matches: each scoring rule, each reason text, the command line and its errors."""

import json

import pytest

from generator import pipeline
from generator.cli import main
from generator.site.matching import (
    Profile,
    browser_data,
    features,
    labels,
    load_rules,
    profile_problems,
    rank,
    score,
    size_band,
)
from tests.conftest import ROOT

RULES = load_rules()
NAMES = {"sector": {"textiles": "Textiles", "fashion": "Fashion and clothing", "leather": "Leather"},
         "theme": {"digitisation": "SME digitisation", "skills": "Skills"}, "country": {"ES": "Spain"}}


def record(**overrides):
    base = {"id": "x", "title": "X", "url": "cases/x/", "plan": "plans/x/", "country": "IT", "countries": [],
            "size": None, "sectors": ["leather"], "themes": ["skills"], "kind": "company", "transferred": 0,
            "networks": [], "evidence": False}
    return base | overrides


def test_each_shared_sector_scores_and_is_named():
    points, reasons = score(record(sectors=["textiles", "fashion"]), Profile(sectors=("textiles", "fashion")), RULES, NAMES)
    assert points == 6
    assert reasons == ["shares 2 of your sectors: Textiles, Fashion and clothing", "no figures of results yet"]
    assert score(record(sectors=["textiles"]), Profile(sectors=("textiles",)), RULES, NAMES)[1][0] == "shares your sector: Textiles"


def test_each_addressed_challenge_scores():
    points, reasons = score(record(themes=["digitisation"]), Profile(themes=("digitisation", "skills")), RULES, NAMES)
    assert (points, reasons[0]) == (3, "addresses your challenge: SME digitisation")


def test_size_same_other_and_unknown():
    assert score(record(size="small"), Profile(size="small"), RULES, NAMES) == (
        2, ["similar size of place (under 50,000 inhabitants)", "no figures of results yet"])
    assert score(record(size="large"), Profile(size="small"), RULES, NAMES)[1][0] == "a place of another size (over 250,000 inhabitants)"
    points, reasons = score(record(size=None), Profile(size="small"), RULES, NAMES)
    assert points == 0 and reasons[0] == "size of its place not known (neutral)"


def test_country_and_body():
    assert score(record(country="ES"), Profile(country="ES"), RULES, NAMES)[0] == 1
    assert score(record(countries=["ES"]), Profile(country="ES"), RULES, NAMES)[1][0] == "in your country (Spain)"
    points, reasons = score(record(kind="city-programme"), Profile(body="city"), RULES, NAMES)
    assert (points, reasons[0]) == (1, "suits the body you named (City or municipality)")


def test_transferred_and_evidence_count_only_with_a_shared_fact():
    rec = record(transferred=3, networks=["AS-TRANSFER"], evidence=True, themes=["skills"])
    assert score(rec, Profile(), RULES, NAMES) == (0, ["already transferred to 3 partners in AS-TRANSFER"])
    assert score(rec, Profile(themes=("skills",)), RULES, NAMES)[0] == 3 + 1 + 1
    assert score(record(transferred=1, networks=["N"]), Profile(), RULES, NAMES)[1][0] == "already transferred to 1 partner in N"


def test_size_bands():
    assert [size_band(n, RULES) for n in (None, 30_000, 50_000, 250_000, 250_001)] == [None, "small", "medium", "medium", "large"]


@pytest.fixture(scope="module")
def model():
    return pipeline.check(pipeline.Project(ROOT)).model


def test_empty_profile_lists_everything_in_title_order(model):
    matches = rank(model, Profile())
    assert [m.id for m in matches] == [c.id for c in model.cases]
    assert all(m.score == 0 for m in matches)


def test_spanish_textile_region_finds_the_textile_clusters_above_aviation(model):
    matches = [m.id for m in rank(model, Profile(country="ES", size="medium", sectors=("textiles", "fashion"),
                                                 themes=("digitisation",)))]
    textile = [matches.index(c) for c in ("ateval-valencia-textile-cluster", "otir2020-tuscany-fashion-cluster",
                                           "textile-centre-of-excellence-huddersfield")]
    assert max(textile) < matches.index("hamburg-aviation")
    assert max(textile) < 6


def test_start_up_and_skills_support_finds_as_fabrik_near_the_top(model):
    matches = [m.id for m in rank(model, Profile(themes=("startups", "skills"), body="city"))]
    assert matches[0] == "bilbao-as-fabrik"


def test_sharing_nothing_comes_last(model):
    matches = rank(model, Profile(sectors=("aerospace",)))
    assert matches[0].id == "hamburg-aviation"
    zero = [m.score for m in matches if m.score == 0]
    assert zero and matches[-len(zero):] == [m for m in matches if m.score == 0]


def test_unknown_values_get_did_you_mean(model):
    problems = profile_problems(Profile(country="Spain", size="tiny", sectors=("textile",), themes=("digitalisation",),
                                        body="council"), model)
    assert problems == [
        "country 'Spain' is not a two-letter ISO code; did you mean ES?",
        "size 'tiny' is not known; choose one of: small, medium, large",
        "sector 'textile' is not known; did you mean textiles?",
        "theme 'digitalisation' is not known; did you mean digitisation?",
        "body 'council' is not known; choose one of: city, region, cluster, business, research",
    ]


def test_cli_json_and_text(capsys):
    args = ["--root", str(ROOT), "match", "--country", "ES", "--size", "small", "--sector", "textiles", "--theme", "digitisation"]
    assert main(args + ["--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data[0]) == {"id", "url", "score", "reasons"}
    assert data[0]["url"] == f"cases/{data[0]['id']}/"
    assert [d["score"] for d in data] == sorted((d["score"] for d in data), reverse=True)
    assert main(args) == 0
    text = capsys.readouterr().out
    assert text.splitlines()[0].startswith("  1. ") and f"[{data[0]['score']}]" in text.splitlines()[0]


def test_cli_refuses_unknown_values(capsys):
    assert main(["--root", str(ROOT), "match", "--sector", "textile"]) == 2
    assert "did you mean textiles?" in capsys.readouterr().err


def test_matching_data_is_under_1kb_per_practice(model):
    for rec in features(model):
        assert len(json.dumps(rec, ensure_ascii=False).encode("utf-8")) <= 1024, rec["id"]
    overhead = len(browser_data(model).encode("utf-8")) / len(model.cases)
    assert overhead < 1024 * 1.5  # shared rules and labels included


def _network(net_id: str, host_role: str, other_role: str) -> str:
    return f"""
        ---
        id: {net_id}
        title: "{net_id.upper()}: a network for the tests"
        status: published
        programme: COSME
        summary: A network around one practice, with the roles under test, for the matching tests.
        practices: [valid-case]
        members:
          - {{name: The practice's body, role: {host_role}, case: valid-case}}
          - {{name: Partner A, role: {other_role}}}
          - {{name: Partner B, role: {other_role}}}
        sources: [{{document: 001_af2e630d849fcec9.txt, section: Lessons learnt}}]
        last_reviewed: 2026-11-23
        ---
        """


@pytest.mark.parametrize("host_role,other_role,transferred", [
    ("transferring", "learning", 2),          # a transfer: the two learning partners count
    ("study-visit-host", "partner", 0),       # a study visit is not a transfer
    ("source-of-ideas", "partner", 0),        # nor is a practice the network only studied
    ("study-visit-host", "learning", 0),      # the practice's own role says no transfer happened
    ("transferring", "event-participant", 0), # nobody took it over
])
def test_already_transferred_counts_transfer_roles_only(write_tree, schemas, host_role, other_role, transferred):
    from generator.content.load import load_docs
    from generator.content.validate import validate_docs
    from generator.site.model import build_model
    from tests.conftest import case_text

    root = write_tree({"content/cases/valid-case.md": case_text(),
                       "content/networks/net.md": _network("net", host_role, other_role)})
    loaded = load_docs(root / "content")
    validated = validate_docs(loaded.docs, schemas)
    assert not validated.diagnostics, validated.diagnostics
    model = build_model(validated.records, schemas.vocabularies).model
    [record] = features(model)
    assert record["transferred"] == transferred
    assert record["networks"] == (["NET"] if transferred else [])
    reasons = score(record, Profile(themes=("startups",)), RULES, labels(model, [record]))[1]
    assert any(r.startswith("already transferred") for r in reasons) == bool(transferred)


def test_no_real_network_says_already_transferred_without_a_transfer(model):
    for record in features(model):
        for network in model.networks_of_case.get(record["id"], ()):
            roles = {m.role for m in network.members if m.case == record["id"]}
            if roles & {"study-visit-host", "source-of-ideas"}:
                assert network.title.split(":")[0] not in record["networks"], (record["id"], network.id)
