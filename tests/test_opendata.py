"""site/opendata.py: cases.json put together from each practice's printed record is the whole payload printed."""

import dataclasses
import json

from generator.site import opendata


def _whole(model) -> str:
    documents = model.vocabularies["document"]
    return json.dumps({"generator": "Good Practice Transfer Portal", "count": len(model.cases),
                       "documents": {d: opendata.document_record(documents, d) for d in documents.labels},
                       "cases": [opendata.case_record(model, c) for c in model.cases]},
                      ensure_ascii=False, indent=1) + "\n"


def test_cases_json_from_records_is_byte_for_byte_the_payload_printed_at_once(real_model):
    assert len(real_model.cases) > 10
    assert opendata.cases_json(real_model) == _whole(real_model)
    kept = {f"cases.json#{c.id}": opendata.case_json(real_model, c) for c in real_model.cases}
    assert opendata.cases_json(real_model, lambda name, parts, make: kept[name]) == _whole(real_model)


def test_cases_json_of_no_practice_and_of_one(real_model):
    none = dataclasses.replace(real_model, cases=())
    assert opendata.cases_json(none) == _whole(none)
    assert json.loads(opendata.cases_json(none))["cases"] == []
    one = dataclasses.replace(real_model, cases=real_model.cases[:1])
    assert opendata.cases_json(one) == _whole(one)


def test_the_finder_text_holds_each_practice_s_summary_organisations_and_components(real_model):
    text = opendata.finder_text_script(real_model)
    assert text.startswith("window.PORTAL_FINDER_TEXT = {") and text.endswith("};\n") and "</" not in text
    data = json.loads(text.removeprefix("window.PORTAL_FINDER_TEXT = ").rstrip().removesuffix(";"))
    assert list(data) == [c.id for c in real_model.cases]
    case = next(c for c in real_model.cases if c.organisations and c.components)
    assert " ".join(case.summary.split()) in data[case.id]
    assert case.organisations[0].name in data[case.id] and case.components[0].name in data[case.id]


def test_the_finder_text_holds_a_script_closing_name_as_data(real_model):
    """The check refuses such a name; were it to reach the file, it would still be a string in it, no "</"."""
    from tests.payloads import SCRIPT_CLOSE

    case = next(c for c in real_model.cases if c.organisations)
    hostile = dataclasses.replace(case, organisations=(
        dataclasses.replace(case.organisations[0], name=SCRIPT_CLOSE), *case.organisations[1:]))
    model = dataclasses.replace(real_model, cases=tuple(hostile if c is case else c for c in real_model.cases))
    text = opendata.finder_text_script(model)
    assert "</" not in text and "<!--" in text
    data = json.loads(text.removeprefix("window.PORTAL_FINDER_TEXT = ").rstrip().removesuffix(";"))
    assert SCRIPT_CLOSE in data[case.id]
