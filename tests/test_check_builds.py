"""Whatever the check accepts, the build builds: schema-valid files generated from schemas/ (a small generator of
the JSON Schema keywords the schemas use, each result held to the schema's own validator), with texts holding
Markdown and HTML characters and bodies of hostile pieces, either get a problem from the check or build into a
site that passes the audit."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import pipeline
from generator.content.schemas import SchemaSet
from tests.conftest import ROOT, make_project

pytestmark = pytest.mark.build

SCHEMAS = SchemaSet(ROOT / "schemas")
BODY_PIECES = ["Words and more words. ", "\n\n", "## A part\n\n", "- an item\n", "*stress* ", "[a link](https://example.org/x) ",
               "[this page](#a-part) ", "| a | b |\n|---|---|\n| 1 | 2 |\n\n", "`code` ", "!!! note\n    Text.\n\n",
               "<b>bold</b> ", "{: .wide }\n", "&amp; ", "Term\n: Definition\n\n", "    indented\n\n", "```\nfenced\n```\n\n",
               "<img src=x onerror=alert(1)> ", "[x](javascript:alert(1)) ", "## \\_\\_config\n\n", "<!-- c -->", "\\_ ",
               "1. first\n", "> quoted\n\n", "---\n\n", "<div markdown>\n\n*in html*\n\n</div>\n\n"]


def _inlined(schema: Any, base: str) -> Any:
    """`schema` with every $ref replaced by what it names (the generator reads one self-contained schema)."""
    if isinstance(schema, dict):
        if "$ref" in schema:
            ref = schema["$ref"]
            target_base = ref.split("#", 1)[0] or base
            return _inlined(SCHEMAS.resolve(schema, base), target_base)
        return {key: _inlined(value, base) for key, value in schema.items() if key not in ("$schema", "$id", "$defs")}
    if isinstance(schema, list):
        return [_inlined(item, base) for item in schema]
    return schema


CASE = _inlined(SCHEMAS.documents["case.schema.json"], "case.schema.json")
ORDINARY = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp", "Cf"))
CHARACTERS = st.one_of(*[ORDINARY] * 5, st.sampled_from(list("{}[]()&#*_|`~!\\:=-+.\"' ")))
"""Mostly any printable character, one in six a character Markdown gives a meaning."""
WEB_URL = st.builds(lambda scheme, host, path: f"{scheme}://{host}.example/{path}", st.sampled_from(["http", "https"]),
                    st.from_regex(r"[a-z0-9]{1,12}", fullmatch=True),
                    st.text(st.sampled_from(list("abcXYZ019-._~!$&'()*+,;=:@/?#")), max_size=20))


def from_schema(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Values of `schema` (the keywords schemas/ uses), filtered by nothing: the caller checks them."""
    if "const" in schema:
        return st.just(schema["const"])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    kind = schema.get("type")
    if kind is None and "anyOf" in schema:
        return st.one_of([from_schema(alternative) for alternative in schema["anyOf"]])
    if isinstance(kind, list):
        return st.one_of([from_schema({**schema, "type": k}) for k in kind])
    if kind == "object":
        alternatives = [alt.get("required", []) for alt in schema.get("anyOf", [])] or [[]]
        return st.sampled_from(alternatives).flatmap(lambda extra: _object(schema, {*schema.get("required", []), *extra}))
    if kind == "array":
        low = schema.get("minItems", 0)
        return st.lists(from_schema(schema.get("items", {})), min_size=low, max_size=min(schema.get("maxItems", 9), low + 3),
                        unique_by=(lambda x: repr(x)) if schema.get("uniqueItems") else None)
    if kind == "string":
        low, high = schema.get("minLength", 0), schema.get("maxLength", 200)
        if schema.get("format") == "date":
            return st.dates().map(lambda d: d.isoformat())
        if schema.get("pattern", "").startswith("^https?://"):
            return WEB_URL  # hostile URLs: tests/test_hostile.py
        if "pattern" in schema:
            return st.from_regex(schema["pattern"], fullmatch=True).filter(lambda t: low <= len(t) <= high)
        return st.text(CHARACTERS, min_size=low, max_size=min(high, low + 40))
    if kind == "integer":
        return st.integers(schema.get("minimum", -10**6), schema.get("maximum", 10**6))
    if kind == "number":
        return st.floats(schema.get("minimum", -1e6), schema.get("maximum", 1e6), allow_nan=False)
    if kind == "boolean":
        return st.booleans()
    return st.none()


def _object(schema: dict[str, Any], required: set[str]) -> st.SearchStrategy[dict[str, Any]]:
    properties = schema.get("properties", {})
    return st.fixed_dictionaries({k: from_schema(v) for k, v in properties.items() if k in required},
                                 optional={k: from_schema(v) for k, v in properties.items() if k not in required})


VALID_CASE = from_schema(CASE).filter(SCHEMAS.validators["case"].is_valid)
GUIDE = _inlined(SCHEMAS.documents["guide.schema.json"], "guide.schema.json")
VALID_GUIDE = from_schema(GUIDE).filter(SCHEMAS.validators["guide"].is_valid)
NETWORK = _inlined(SCHEMAS.documents["network.schema.json"], "network.schema.json")
VALID_NETWORK = from_schema(NETWORK).filter(SCHEMAS.validators["network"].is_valid)


def _case(number: int, front: dict[str, Any], body: str) -> str:
    front = dict(front, id=f"gen-{number}", status="published", related=[], networks=[])
    place = dict(front["place"], scope="local", country="EE")
    place.pop("countries", None)
    front["place"] = place
    return _file(front, body)


def _guide(front: dict[str, Any], body: str) -> str:
    return _file(dict(front, id="gen-guide", status="published", related=[], checklists=[]), body)


def _network(front: dict[str, Any], cases: int) -> str:
    members = [dict(m, country="EE", case=None) for m in front["members"]]
    for member in members:
        member.pop("case")
    return _file(dict(front, id="gen-network", status="published", practices=[f"gen-{i}" for i in range(cases)],
                      members=members, elements=[]), "")


def _file(front: dict[str, Any], body: str) -> str:
    return "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n\n" + body + "\n"


@settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.tuples(VALID_CASE, st.lists(st.sampled_from(BODY_PIECES), max_size=12).map("".join)),
                min_size=2, max_size=3),
       st.tuples(VALID_GUIDE, st.lists(st.sampled_from(BODY_PIECES), max_size=6).map("".join)), VALID_NETWORK)
def test_what_the_check_accepts_the_build_builds(tmp_path_factory, cases, guide, network):
    files = {f"content/cases/gen-{i}.md": _case(i, front, body) for i, (front, body) in enumerate(cases)}
    files["content/guides/gen-guide.md"] = _guide(*guide)
    root = make_project(tmp_path_factory.mktemp("generated"), files)
    project = pipeline.Project(root)
    checked = pipeline.check(project)
    refused = {d.path for d in checked.report.errors}
    accepted = [p for p in (root / "content").rglob("*.md") if p.relative_to(root) not in refused]
    for path in (root / "content").rglob("*.md"):
        if path not in accepted:
            path.unlink()  # keep what the check accepts; the rest must not stop the build
    cases_left = sorted(p.stem for p in accepted if p.parent.name == "cases")
    if not accepted:
        return
    if cases_left:  # a network of the cases that are left, checked on its own: dropped if refused
        (root / "content" / "networks").mkdir()
        (root / "content" / "networks" / "gen-network.md").write_text(_network(network, 0).replace(
            "practices: []", "practices: [" + ", ".join(cases_left) + "]"), encoding="utf-8")
        if not pipeline.check(project).report.ok:
            (root / "content" / "networks" / "gen-network.md").unlink()
        else:
            accepted.append(root / "content" / "networks" / "gen-network.md")
    generated = pipeline.build(project, pdf=False, languages=["en"])  # raises BuildFailed if it cannot
    assert generated.checked.report.ok, [d.message for d in generated.checked.report.errors]
    for path in accepted:
        assert (root / "site" / path.parent.name / path.stem / "index.html").is_file()
