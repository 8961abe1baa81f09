"""The frozen values passed between stages.

`SourceDoc` is raw (what the file says); the records below are typed (what the
schema promised). Field names mirror `schemas/*.schema.json`; a test checks that
every required schema property is a field here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

LinePath = tuple[str | int, ...]



@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class Source:
    document: str | None = None
    section: str | None = None
    title: str | None = None
    url: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class Organisation:
    name: str
    role: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Reference:
    authors: str
    title: str
    year: int | None = None
    published_in: str | None = None
    doi: str | None = None
    url: str | None = None


# --- case ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Coordinates:
    lat: float
    lon: float
    kind: str = "town"
    """town, region-seat, area-centre or body-seat (see schemas/case.schema.json)."""


@dataclass(frozen=True, slots=True)
class Population:
    value: int
    source: Source
    year: int | None = None


@dataclass(frozen=True, slots=True)
class Place:
    scope: str
    city: str | None = None
    region: str | None = None
    area: str | None = None
    country: str | None = None
    countries: tuple[str, ...] = ()
    coordinates: Coordinates | None = None
    population: Population | None = None


@dataclass(frozen=True, slots=True)
class Component:
    name: str
    description: str
    transferable: bool = False


@dataclass(frozen=True, slots=True)
class Service:
    number: int
    name: str
    status: str
    description: str | None = None
    target: str | None = None
    method: str | None = None
    timing: str | None = None


@dataclass(frozen=True, slots=True)
class Figure:
    label: str
    value: float | int | str
    source: Source
    unit: str | None = None
    year: int | None = None


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class Member:
    name: str
    role: str
    city: str | None = None
    country: str | None = None
    case: str | None = None


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class Step:
    title: str
    description: str | None = None
    who: str | None = None
    items: tuple[str, ...] = ()
    outputs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    title: str
    prompt: str
    columns: tuple[str, ...] = ()
    rows: int | None = None


@dataclass(frozen=True, slots=True)
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


class Translated(str):
    """A text taken from a translation (any other text of a page in another language is the original's:
    the page marks it with the original's language)."""

    __slots__ = ()


@dataclass(frozen=True, slots=True)
class Translation:
    """The text of one case, network or guide in another language (facts stay with the original)."""

    translation_of: str
    lang: str
    translated: str
    translator: str
    title: str
    body: str
    doc: SourceDoc = field(repr=False, compare=False)
    texts: Mapping[str, Any] = field(default_factory=dict)
    """The other translated fields: summary, challenge, components, services, steps, sections, ..."""
    reviewed: bool = False
    """False: drafted by the project, not yet reviewed (the page says so)."""

    @property
    def folder(self) -> str:
        """'cases', 'guides' or 'networks': where the original lives."""
        return self.doc.folder.rsplit("/", 1)[-1]


# --- what the render stage hands to the output stage --------------------------


@dataclass(frozen=True, slots=True)
class RenderedPage:
    """One output file (a page or an asset), relative to the generated docs folder."""

    path: str
    content: str | bytes


@dataclass(frozen=True, slots=True)
class PrintJob:
    page: str
    """The built page, relative to the site root, e.g. 'guides/checklist-x/index.html' (a ?query may follow)."""
    pdf: str
    """Where the PDF goes, relative to the site root, e.g. 'pdf/checklist-x.pdf'."""
    footer: str = ""
    """Printed at the foot of every page: what it is, its source and its date."""
