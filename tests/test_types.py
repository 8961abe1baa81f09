"""The record types: `value` builds the same objects as a frozen, slotted dataclass would."""

from __future__ import annotations

import dataclasses
import inspect
from pathlib import Path

import pytest

from generator import types
from generator.types import Case, Period, Place, Service, Source, SourceDoc, Translation

VALUE_TYPES = [obj for obj in vars(types).values()
               if isinstance(obj, type) and dataclasses.is_dataclass(obj) and obj.__module__ == types.__name__]


def _plain_twin(cls: type) -> type:
    """The same fields made by dataclasses alone (its own generated __init__)."""
    spec = [(f.name, f.type, dataclasses.field(default=f.default, default_factory=f.default_factory,
                                                repr=f.repr, compare=f.compare))
            for f in dataclasses.fields(cls)]
    return dataclasses.make_dataclass(cls.__name__, spec, frozen=True, slots=True)


def test_every_record_type_is_a_value() -> None:
    assert {cls.__name__ for cls in VALUE_TYPES} >= {"SourceDoc", "Case", "Network", "Guide", "Checklist",
                                                     "Template", "Translation", "Service", "Figure", "Place"}
    for cls in VALUE_TYPES:
        assert cls.__init__.__qualname__ == f"{cls.__qualname__}.__init__"


@pytest.mark.parametrize("cls", VALUE_TYPES, ids=lambda cls: cls.__name__)
def test_init_takes_the_dataclass_arguments_and_defaults(cls: type) -> None:
    ours = inspect.signature(cls.__init__).parameters
    theirs = inspect.signature(_plain_twin(cls).__init__).parameters
    assert list(ours) == list(theirs)
    for name, param in theirs.items():
        if param.default is not inspect.Parameter.empty and "factory" not in repr(param.default):
            assert ours[name].default == param.default, name


@pytest.mark.parametrize("cls", VALUE_TYPES, ids=lambda cls: cls.__name__)
def test_init_stores_what_it_is_given_and_stays_frozen(cls: type) -> None:
    fields = dataclasses.fields(cls)
    given = {f.name: object() for f in fields}
    made = cls(**given)
    twin = _plain_twin(cls)(**given)
    for f in fields:
        assert getattr(made, f.name) is given[f.name] is getattr(twin, f.name)
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(made, fields[0].name, "changed")
    with pytest.raises(TypeError):
        cls(**given, not_a_field=1)


def test_defaults_and_factories() -> None:
    service = Service(3, "Mentoring", "new")
    assert (service.description, service.timing) == (None, None)
    assert Place("local").countries == () and Place("local").coordinates is None
    assert Period() == Period(None, None, None, None)
    doc = SourceDoc(Path("x.md"), "cases", {}, "", 1, {})
    first, second = Translation("a", "es", "2026-01-01", "T", "Título", "", doc), \
        Translation("b", "es", "2026-01-01", "T", "Título", "", doc)
    assert first.texts == {} and first.texts is not second.texts  # a new dict each time, as default_factory gives
    with pytest.raises(TypeError, match="missing"):
        Service(3, "Mentoring")  # type: ignore[call-arg]


def test_values_compare_and_hash_as_dataclasses_do() -> None:
    assert Source("D1", "2.1") == Source("D1", "2.1") != Source("D1", "2.2")
    assert len({Source("D1"), Source("D1")}) == 1
    assert hash(Period(2015, 2017)) == hash(Period(2015, 2017))
    doc = SourceDoc(Path("content/cases/x.md"), "cases", {}, "", 1, {})
    case = Case("x", "X", "published", "cluster", "S", Place("local"), (), (), (), "2026-01-01", "", doc)
    assert repr(case).startswith("Case(id='x', title='X'") and "doc=" not in repr(case)
