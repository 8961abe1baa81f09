"""The real content: the headline practices are present with their key facts (issue 3)."""

from collections import Counter
from pathlib import Path

import pytest

from generator import pipeline

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def model():
    checked = pipeline.check(pipeline.Project(ROOT))
    assert checked.report.ok, [f"{d.path}:{d.line}: {d.message}" for d in checked.report.errors]
    return checked.model


def test_as_fabrik(model):
    case = model.case_by_id["bilbao-as-fabrik"]
    assert (case.place.city, case.place.country, case.period.start) == ("Bilbao", "ES", 2017)
    transferable = {c.name for c in case.components if c.transferable}
    assert transferable == {"Talent Ecosystem", "Startup Boosting", "Partnership Brokering"}
    results = " ".join(case.results)
    for partner in ("Imatek", "Material Connexion", "Nexmachina", "BeClever"):
        assert partner in results


def test_liverpool_city_region(model):
    case = model.case_by_id["liverpool-city-region-lcr-4-0"]
    assert case.place.country == "GB"
    assert case.period.start == 2012
    text = " ".join([case.summary, *case.results, case.period.note or ""])
    assert "Made Smarter" in text and "2017" in text and "2018" in text
    assert len(case.success_factors) >= 3


def test_as_transfer_network(model):
    network = next(n for n in model.networks if n.id == "as-transfer")
    learners = {(m.city or m.name, m.country) for m in network.members if m.role == "learning"}
    assert learners == {("Bielsko-Biała", "PL"), ("Tartu", "EE"), ("Timișoara", "RO")}
    assert set(network.elements) == {"Talent Ecosystem", "Startup Boosting", "Partnership Brokering"}


def test_igualada(model):
    case = model.case_by_id["igualada-leather-cluster"]
    assert (case.place.city, case.place.country) == ("Igualada", "ES")
    figures = {f.label: f.value for f in case.figures}
    assert figures["Cost of the joint wastewater treatment plant"] == 17
    assert figures["Tanning companies in Igualada in the 1950s"] == 268
    assert "1994" in case.summary + (case.period.note or "") + str(case.period.start)
    badia = model.case_by_id["curtidos-badia"]
    assert {f.year for f in badia.figures} >= {2003, 2015}


def test_bologna(model):
    case = model.case_by_id["bologna-packaging-valley"]
    assert case.place.country == "IT" and "packaging" in case.sectors
    assert "silk" in case.summary.lower()


@pytest.mark.parametrize("case_id,in_place,new", [
    ("otir2020-tuscany-fashion-cluster", 7, 5),
    ("textile-centre-of-excellence-huddersfield", 6, 4),
    ("ateval-valencia-textile-cluster", 3, 4),
    ("isim-construction-machinery-cluster", 6, 5),
])
def test_clustem_portfolios_are_complete(model, case_id, in_place, new):
    services = model.case_by_id[case_id].services
    assert [s.number for s in services] == list(range(1, in_place + new + 1))
    assert Counter(s.status for s in services) == {"in-place": in_place, "new": new}
    assert all(s.target and s.timing for s in services)


def test_every_page_names_its_sources_and_is_published(model):
    records = [*model.cases, *model.networks, *model.guides, *model.checklists, *model.templates]
    assert len(model.cases) >= 26 and len(model.checklists) >= 10
    for record in records:
        assert record.sources, record.id
        assert record.status == "published", record.id


def test_clustem_studied_the_gold_label_clusters_it_did_not_transfer_them(model):
    from generator.site.matching import features

    clustem = next(n for n in model.networks if n.id == "clustem")
    roles = {m.case: m.role for m in clustem.members if m.case}
    hosts = ("pole-vehicule-du-futur", "techtera", "hamburg-aviation", "lifestyle-design-cluster",
             "textile-alsace-skills-sharing", "zal-hamburg")
    assert all(roles[case_id] == "study-visit-host" for case_id in hosts)
    assert not any(m.role in ("transferring", "learning") for m in clustem.members)
    transferred = {r["id"]: r["transferred"] for r in features(model)}
    assert all(transferred[case_id] == 0 for case_id in hosts)
    assert transferred["bilbao-as-fabrik"] == 3  # AS-TRANSFER is a transfer


def test_missing_facts_are_there(model):
    hamburg = model.case_by_id["hamburg-aviation"]
    text = " ".join([hamburg.summary, *hamburg.results])
    assert "40 million" in text and "Airbus Center of Aviation Training" in text
    clustem = next(n for n in model.networks if n.id == "clustem")
    for fact in ("Loan Guarantee Facility", "220,000 and 330,000", "Equity Facility for Growth", "360 and 560",
                 "85%", "IPR SME Helpdesks", "EU-Japan Centre", "Erasmus for Young Entrepreneurs"):
        assert fact in " ".join(clustem.body.split()), fact
    for new in ("zal-hamburg", "textile-in-platform", "basel-pharma-cluster", "clusterland-oberosterreich",
                "rhone-alpes-cluster-policy"):
        assert model.case_by_id[new].sources


def test_no_body_section_is_about_the_document(model):
    import re

    records = [*model.cases, *model.networks, *model.guides, *model.checklists]
    banned = re.compile(r"^#+ .*(checking the counts|does not say|the source|the document|names used|points to note|"
                        r"to watch|notes on the)",
                        re.IGNORECASE | re.MULTILINE)
    assert [r.id for r in records if banned.search(r.body)] == []
