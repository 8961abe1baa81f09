"""The store of costly derived files (generator/derived.py) and the Word plans kept in it."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from generator import pipeline
from generator.derived import DerivedStore, key_of
from generator.site.word import cached_plan_docx, plan_docx

ROOT = Path(__file__).resolve().parent.parent


def test_a_file_is_made_once_and_then_read_back(tmp_path: Path) -> None:
    store, made = DerivedStore(tmp_path / "docx"), []

    def make() -> bytes:
        made.append(1)
        return b"plan"

    assert store.get_or_make("k.docx", make) == b"plan"
    assert DerivedStore(tmp_path / "docx").get_or_make("k.docx", make) == b"plan"  # a later build
    assert len(made) == 1


def test_without_a_folder_or_with_an_empty_file_it_is_made_again(tmp_path: Path) -> None:
    assert DerivedStore(None).get_or_make("k", lambda: b"a") == b"a"
    (tmp_path / "k").write_bytes(b"")  # e.g. a disk that filled up
    assert DerivedStore(tmp_path).get_or_make("k", lambda: b"b") == b"b"
    assert (tmp_path / "k").read_bytes() == b"b"


def test_the_key_changes_with_any_part() -> None:
    assert key_of("a", 1) == key_of("a", 1)
    assert key_of("a", 1) != key_of("a", 2) != key_of("a1")


def test_a_kept_plan_is_the_plan_and_an_edit_makes_a_new_one(tmp_path: Path) -> None:
    model = pipeline.check(pipeline.Project(ROOT)).model
    assert model is not None and model.plan_template is not None
    case, template, store = model.cases[0], model.plan_template, DerivedStore(tmp_path)
    first = cached_plan_docx(store, case, template, "Bilbao", "https://x/cases/a/")
    assert first == plan_docx(case, template, "Bilbao", "https://x/cases/a/")
    edited = dataclasses.replace(case, summary=case.summary + " Edited.")
    assert cached_plan_docx(store, edited, template, "Bilbao", "https://x/cases/a/") == plan_docx(
        edited, template, "Bilbao", "https://x/cases/a/") != first
    assert len(list(tmp_path.iterdir())) == 2
