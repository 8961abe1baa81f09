"""The field reference in CONTRIBUTING.md is generated from the schemas and must match them."""

import json
import subprocess
import sys
from pathlib import Path

from generator.authoring.fieldref import current_section, field_reference
from generator.content.load import load_file

ROOT = Path(__file__).resolve().parent.parent


def test_contributing_field_reference_is_up_to_date(schemas):
    assert current_section(ROOT / "CONTRIBUTING.md") == field_reference(schemas), (
        "CONTRIBUTING.md is out of date: run `python -m generator fieldref --write`"
    )


def test_field_reference_lists_every_field_and_vocabulary_value(schemas):
    text = field_reference(schemas)
    assert "| `place.country` |" in text
    assert "| `services[].status` | yes | one of `in-place`, `new` |" in text
    assert "| `steps[].items` |" in text
    assert "`textiles` (Textiles)" in text


def _check_jsonschema(*args: str) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).with_name("check-jsonschema")
    return subprocess.run([str(exe), *args], capture_output=True, text=True, cwd=ROOT)


def test_schemas_pass_the_independent_check_jsonschema_cli(tmp_path):
    result = _check_jsonschema("--check-metaschema", *sorted(str(p) for p in (ROOT / "schemas").glob("*.json")))
    assert result.returncode == 0, result.stdout + result.stderr

    doc, _ = load_file(ROOT / "content/cases/bilbao-as-fabrik.md", "cases", Path("x.md"))
    good = tmp_path / "good.json"
    good.write_text(json.dumps(dict(doc.front_matter)))
    result = _check_jsonschema("--schemafile", str(ROOT / "schemas/case.schema.json"), str(good))
    assert result.returncode == 0, result.stdout + result.stderr

    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({**doc.front_matter, "kind": "city programme"}))
    result = _check_jsonschema("--schemafile", str(ROOT / "schemas/case.schema.json"), str(bad))
    assert result.returncode == 1
    assert "kind" in result.stdout
