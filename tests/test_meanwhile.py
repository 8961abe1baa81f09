"""The second core: a forked function's value comes back, its error is raised here, and the portal's pages
are the same whether the languages are written side by side or one after another."""

from __future__ import annotations

import os
import shutil

import pytest

from generator import pipeline
from generator.meanwhile import Meanwhile, Turns, second_core
from generator.site.addresses import RenderOptions

pytestmark = pytest.mark.skipif(not second_core(), reason="needs fork and two cores")


def test_the_value_comes_back_from_another_process():
    here = os.getpid()
    meanwhile = Meanwhile(lambda: (os.getpid(), [n * n for n in range(5)]))
    pid, squares = meanwhile.result()
    assert pid != here and squares == [0, 1, 4, 9, 16]


def test_an_error_in_the_other_process_is_raised_here():
    def fails() -> None:
        raise ValueError("a template broke in the Spanish pages")

    with pytest.raises(ValueError, match="Spanish pages"):
        Meanwhile(fails).result()


def test_an_error_that_cannot_be_pickled_arrives_as_its_text():
    class Local(Exception):  # a class defined in a function cannot be pickled
        pass

    def fails() -> None:
        raise Local("not picklable")

    with pytest.raises(RuntimeError, match="not picklable"):
        Meanwhile(fails).result()


def test_a_failure_here_stops_the_other_process():
    import time

    with pytest.raises(KeyError):
        with Meanwhile(lambda: time.sleep(60)) as meanwhile:
            raise KeyError("this process failed")
    assert not meanwhile._process.is_alive()


def _docs(project: pipeline.Project, codes: tuple[str, ...]) -> dict[str, bytes]:
    found = {}
    for code in codes:
        folder = pipeline.docs_for(project, code)
        found.update({f"{code}:{p.relative_to(folder)}": p.read_bytes() for p in folder.rglob("*") if p.is_file()})
    return found


def test_languages_written_side_by_side_equal_those_written_in_turn(mini_project, monkeypatch):
    project = pipeline.Project(mini_project)
    codes = ("en", "es", "pl")
    options = RenderOptions(languages=codes)
    side_by_side = pipeline.generate(project, options=options)
    assert side_by_side.checked.report.ok
    parallel = _docs(project, codes)
    assert any(path.endswith(".docx") for path in parallel)  # the Word plans, made by the other process first
    shutil.rmtree(mini_project / "build")  # the pages and the Word plans' cache
    monkeypatch.setattr(pipeline, "second_core", lambda: False)
    in_turn = pipeline.generate(project, options=options)
    assert _docs(project, codes) == parallel
    assert sorted(in_turn.changed) == sorted(side_by_side.changed)


def test_turns_give_each_number_once_to_one_of_two_processes():
    turns = Turns(50)

    def take_front() -> list[int]:
        return [turn for turn in iter(turns.front, None)]

    with Meanwhile(take_front) as meanwhile:
        mine = [turn for turn in iter(turns.back, None)]
        theirs = meanwhile.result()
    assert sorted(mine + theirs) == list(range(50))
    assert mine == sorted(mine, reverse=True) and theirs == sorted(theirs)  # each from its own end
