"""The frozen values passed between stages.

`SourceDoc` is raw (what the file says); the records below are typed (what the
schema promised). Field names mirror `schemas/*.schema.json`; a test checks that
every required schema property is a field here.
"""

from __future__ import annotations

import dataclasses
from dataclasses import field
from pathlib import Path
from typing import Any, Callable, Mapping, TypeVar, dataclass_transform

LinePath = tuple[str | int, ...]

T = TypeVar("T")


@dataclass_transform(frozen_default=True)
def value(cls: type[T]) -> type[T]:
    """`@dataclass(frozen=True, slots=True)`, with an `__init__` that sets each slot through its descriptor.

    A frozen dataclass's own `__init__` calls `object.__setattr__` once per field,
    looked up each time; with thousands of records of 5 to 28 fields, that was a
    quarter of building them. This one takes the same arguments and defaults and
    stores the same values (a test holds it to the dataclass's own), in about 60% of the time.
    """
    cls = dataclasses.dataclass(frozen=True, slots=True)(cls)  # type: ignore[assignment]
    names: dict[str, Any] = {"MISSING": dataclasses.MISSING}
    params, lines = [], []
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        names[f"set_{f.name}"] = getattr(cls, f.name).__set__
        if f.default is not dataclasses.MISSING:
            names[f"default_{f.name}"] = f.default
            params.append(f"{f.name}=default_{f.name}")
        elif f.default_factory is not dataclasses.MISSING:
            names[f"factory_{f.name}"] = f.default_factory
            params.append(f"{f.name}=MISSING")
            lines.append(f"if {f.name} is MISSING: {f.name} = factory_{f.name}()")
        else:
            params.append(f.name)
        lines.append(f"set_{f.name}(self, {f.name})")
    exec(f"def __init__(self, {', '.join(params)}):\n    " + "\n    ".join(lines), names)  # noqa: S102
    names["__init__"].__qualname__ = f"{cls.__qualname__}.__init__"
    cls.__init__ = names["__init__"]  # type: ignore[misc]
    return cls


@value
class SourceDoc:
    """One content file as read: front matter, body, and the line of each field."""

    path: Path
    """As shown to authors, e.g. content/cases/bilbao-as-fabrik.md."""
    folder: str
    """'cases', 'guides' or 'networks'."""
    front_matter: Mapping[str, Any]
    body: str
    body_line: int
    """Line of the file on which the Markdown body starts."""
    line_of: Mapping[LinePath, int]
    """1-based line of each field, keyed by its path, e.g. ('place', 'country')."""
    texts: str | None = field(default=None, compare=False, repr=False)
    """Every text value of the front matter, joined by newlines (`yaml_nodes.all_text`), when the loader
    worked it out on its way (the safety checks search it); None otherwise."""

    def line(self, path: LinePath) -> int:
        """The line of `path`, or of its nearest parent that has one."""
        while path:
            if path in self.line_of:
                return self.line_of[path]
            path = path[:-1]
        return self.line_of.get((), 1)

    @property
    def stem(self) -> str:
        return self.path.stem


# --- shared pieces ---------------------------------------------------------


@value
class Source:
    document: str | None = None
    section: str | None = None
    title: str | None = None
    url: str | None = None
    note: str | None = None


@value
class Link:
    title: str
    url: str


@value
class Period:
    start: int | None = None
    end: int | None = None
    ongoing: bool | None = None
    note: str | None = None

    @property
    def label(self) -> str:
        """'2017 – ongoing', '2016 – 2017', 'from 2012', or '' when unknown."""
        return self.label_in(lambda text: text)

    def label_in(self, gettext: Callable[[str], str]) -> str:
        """The label with its words in a language (`gettext` of that language's catalog)."""
        if self.start and self.end:
            return f"{self.start} – {self.end}" if self.start != self.end else str(self.start)
        if self.start:
            return gettext("%(start)s – ongoing") % {"start": self.start} if self.ongoing else \
                gettext("from %(start)s") % {"start": self.start}
        if self.end:
            return gettext("until %(end)s") % {"end": self.end}
        return gettext("ongoing") if self.ongoing else ""


@value
class Organisation:
    name: str
    role: str | None = None
    url: str | None = None


@value
class Reference:
    authors: str
    title: str
    year: int | None = None
    published_in: str | None = None
    doi: str | None = None
    url: str | None = None


# --- case ------------------------------------------------------------------


@value
class Coordinates:
    lat: float
    lon: float
    kind: str = "town"
    """town, region-seat or body-seat (see schemas/case.schema.json)."""


@value
class Population:
    value: int
    source: Source
    year: int | None = None


@value
class Place:
    scope: str
    city: str | None = None
    region: str | None = None
    area: str | None = None
    country: str | None = None
    countries: tuple[str, ...] = ()
    coordinates: Coordinates | None = None
    population: Population | None = None


@value
class Component:
    name: str
    description: str
    transferable: bool = False


@value
class Service:
    number: int
    name: str
    status: str
    description: str | None = None
    target: str | None = None
    method: str | None = None
    timing: str | None = None


@value
class Figure:
    label: str
    value: float | int | str
    source: Source
    unit: str | None = None
    year: int | None = None


@value
class Case:
    id: str
    title: str
    status: str
    kind: str
    summary: str
    place: Place
    sectors: tuple[str, ...]
    themes: tuple[str, ...]
    sources: tuple[Source, ...]
    last_reviewed: str
    body: str
    doc: SourceDoc = field(repr=False, compare=False)
    featured: bool = False
    organisations: tuple[Organisation, ...] = ()
    period: Period = Period()
    challenge: str | None = None
    components: tuple[Component, ...] = ()
    services: tuple[Service, ...] = ()
    figures: tuple[Figure, ...] = ()
    results: tuple[str, ...] = ()
    success_factors: tuple[str, ...] = ()
    difficulties: tuple[str, ...] = ()
    transferability: str | None = None
    resources: str | None = None
    next_steps: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    networks: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()
    source_notes: tuple[str, ...] = ()


# --- network ---------------------------------------------------------------


@value
class Member:
    name: str
    role: str
    city: str | None = None
    country: str | None = None
    case: str | None = None


@value
class Network:
    id: str
    title: str
    status: str
    programme: str
    summary: str
    practices: tuple[str, ...]
    members: tuple[Member, ...]
    sources: tuple[Source, ...]
    last_reviewed: str
    body: str
    doc: SourceDoc = field(repr=False, compare=False)
    period: Period = Period()
    elements: tuple[str, ...] = ()
    activities: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()
    source_notes: tuple[str, ...] = ()


# --- guides ----------------------------------------------------------------


@value
class Guide:
    id: str
    type: str
    title: str
    status: str
    summary: str
    sources: tuple[Source, ...]
    last_reviewed: str
    body: str
    doc: SourceDoc = field(repr=False, compare=False)
    themes: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    checklists: tuple[str, ...] = ()
    reading_list: tuple[Reference, ...] = ()
    source_notes: tuple[str, ...] = ()


@value
class Step:
    title: str
    description: str | None = None
    who: str | None = None
    items: tuple[str, ...] = ()
    outputs: tuple[str, ...] = ()


@value
class Checklist:
    id: str
    type: str
    title: str
    status: str
    summary: str
    steps: tuple[Step, ...]
    sources: tuple[Source, ...]
    last_reviewed: str
    body: str
    doc: SourceDoc = field(repr=False, compare=False)
    themes: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    guide: str | None = None
    source_notes: tuple[str, ...] = ()


@value
class Section:
    id: str
    title: str
    prompt: str
    columns: tuple[str, ...] = ()
    rows: int | None = None


@value
class Template:
    id: str
    type: str
    title: str
    status: str
    summary: str
    sections: tuple[Section, ...]
    sources: tuple[Source, ...]
    last_reviewed: str
    body: str
    doc: SourceDoc = field(repr=False, compare=False)
    source_notes: tuple[str, ...] = ()


Record = Case | Network | Guide | Checklist | Template


# --- translations ------------------------------------------------------------


@value
class Translation:
    """The text of one case or guide in another language (facts stay with the original)."""

    translation_of: str
    lang: str
    translated: str
    translator: str
    title: str
    body: str
    doc: SourceDoc = field(repr=False, compare=False)
    texts: Mapping[str, Any] = field(default_factory=dict)
    """The other translated fields: summary, challenge, components (descriptions), results, ..."""

    @property
    def folder(self) -> str:
        """'cases' or 'guides': where the original lives."""
        return self.doc.folder.rsplit("/", 1)[-1]
