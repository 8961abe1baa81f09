"""Property-based tests: for any bytes, the loader and validator give problems or a record, never an exception."""

import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.content.load import load_file
from generator.content.validate import validate_doc
from tests.conftest import case_text

VALID = case_text().encode("utf-8")


def _run(tmp_path: Path, schemas, data: bytes) -> float:
    path = tmp_path / "valid-case.md"
    path.write_bytes(data)
    started = time.perf_counter()
    doc, problems = load_file(path, "cases", Path("content/cases/valid-case.md"))
    if doc is not None:
        problems = problems + validate_doc(doc, schemas, tmp_path)
    assert doc is not None or problems, "an unreadable file must say why"
    assert all(p.message for p in problems)
    return time.perf_counter() - started


FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FAST
@given(st.binary(max_size=2000))
def test_any_bytes(tmp_path, schemas, data):
    assert _run(tmp_path, schemas, data) < 1.0


@FAST
@given(st.text(max_size=1500))
def test_any_text_after_front_matter_start(tmp_path, schemas, text):
    assert _run(tmp_path, schemas, ("---\n" + text).encode("utf-8", "surrogatepass")) < 1.0


@FAST
@given(st.integers(min_value=0, max_value=len(VALID) - 1), st.binary(min_size=1, max_size=40))
def test_a_valid_file_with_bytes_spliced_in(tmp_path, schemas, position, junk):
    assert _run(tmp_path, schemas, VALID[:position] + junk + VALID[position:]) < 1.0


@FAST
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
                    max_leaves=30))
def test_any_yaml_value_for_a_field(tmp_path, schemas, value):
    import json

    text = case_text(**{"kind: city-programme": f"kind: {json.dumps(value)}"})
    assert _run(tmp_path, schemas, text.encode("utf-8")) < 1.0
