"""Pages kept from one render to the next while everything they are made from is the same (`make serve`).

At 1,000 practices most of a render is the practice pages; after an edit to
one practice only a few of them differ. A practice's page is therefore
rendered from a `CaseView` - the model's facts about that one practice - never
from the whole model, and kept under the hash of the view, the practice, and
everything common to all pages (`RenderMemo.common`): a page whose inputs are
equal to last time's is the page rendered last time. (Inputs are compared, not
hashed: unchanged records are the same objects from one check to the next, so
comparing them is immediate, where printing them for a hash took 8 s a render
at 1,000 practices, `make bench`'s serve.) A template that reads anything else
of the model fails to render (the view has no such attribute), so nothing a
page shows can be left out of its key.

`make site` runs in a new process each time, so its memo keeps the pages on
disk instead (`build/cache/pages`, a DerivedStore), under a digest of the same
key (`Digests`) and of the generator's own code: at 1,000 practices rendering
every practice page again was about 15 s of a 57 s rebuild after one edit
(`make bench`'s rebuild).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import importlib.metadata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from generator.derived import DerivedStore
from generator.types import Case, Checklist, Guide, Network, Period, Place, RenderedPage, Template, Translated


@dataclass(frozen=True, slots=True)
class CaseLink:
    """What a page shows of a practice it links to (its related practices): the address, title and place. A page
    keyed by these is not rendered again when only the other practice's text changes: at 1,000 synthetic
    practices an edited summary re-rendered 99 pages listing it as similar, now one (`make bench`'s serve)."""

    id: str
    title: str
    place: Place


def case_link(case: Case) -> CaseLink:
    return CaseLink(case.id, case.title, case.place)


@dataclass(frozen=True, slots=True)
class CaseListing:
    """What the pages listing every practice (finder, map, the practices and theme indexes, the plan and match
    pages, the search's suggestions) show of each: with the networks, what those pages are kept under (a view
    of `Case`, as `CaseLink` is). Editing a practice's text renders none of them again: at 1,000 synthetic
    practices they took about 0.2 s of each regeneration (`make bench`'s serve). tests/test_memo.py checks that
    a change to anything else leaves them as they are."""

    id: str
    title: str
    title_translated: bool
    kind: str
    place: Place
    period: Period
    themes: tuple[str, ...]
    sectors: tuple[str, ...]
    networks: tuple[str, ...]
    """The networks it declares (with the networks' own lists of practices, its networks in the finder)."""


def case_listing(case: Case) -> CaseListing:
    return CaseListing(case.id, case.title, isinstance(case.title, Translated), case.kind, case.place, case.period,
                       case.themes, case.sectors, case.networks)


@dataclass(frozen=True, slots=True)
class CaseView:
    """What a practice's page reads of the model (site/model.SiteModel), for that practice only."""

    lang: str
    translated: frozenset[str]
    unreviewed: frozenset[str]
    outdated: Mapping[str, str]
    plan_template: Template | None
    networks_of_case: Mapping[str, tuple[Network, ...]]
    related_of_case: Mapping[str, tuple[CaseLink, ...]]
    similar_of_case: Mapping[str, tuple[CaseLink, ...]]
    checklists_of_case: Mapping[str, tuple[Checklist, ...]]
    guides_of_case: Mapping[str, tuple[Guide, ...]]


def case_view(model: object, case_id: str) -> CaseView:
    """The view of one practice: each of the model's facts about practices, for this one only."""
    def only(mapping: Mapping[str, object]) -> dict[str, object]:
        return {case_id: mapping[case_id]} if case_id in mapping else {}

    def links(mapping: Mapping[str, tuple[Case, ...]]) -> dict[str, tuple[CaseLink, ...]]:
        return {case_id: tuple(map(case_link, mapping[case_id]))} if case_id in mapping else {}

    def member(ids: frozenset[str]) -> frozenset[str]:
        return frozenset({case_id}) & ids

    m = model
    return CaseView(m.lang, member(m.translated), member(m.unreviewed), only(m.outdated),  # type: ignore[attr-defined]
                    m.plan_template, only(m.networks_of_case), links(m.related_of_case),  # type: ignore[attr-defined]
                    links(m.similar_of_case), only(m.checklists_of_case), only(m.guides_of_case))  # type: ignore[attr-defined]


@dataclass(slots=True)
class RenderMemo:
    """Rendered pages by path, with the key of what each was made from; with a `store`, also on disk."""

    common: tuple[object, ...] = ()
    """What every page is made from: the options, vocabularies and templates (set by render_site)."""
    pages: dict[str, tuple[tuple[object, ...], RenderedPage]] = field(default_factory=dict)
    """In memory, without a `store` only (`make serve`): a build holding every page of a language took 400 MB at
    4,000 practices (make bench's peak)."""
    hits: int = 0
    store: DerivedStore | None = None
    """Where a build keeps the pages for the next build (another process): see the module's docstring."""
    digests: Digests = field(default_factory=lambda: Digests())
    written: dict[str, tuple[object, bytes]] = field(default_factory=dict)
    """What `make serve` last wrote of each file, for write_site (`known`): kept pages are not read back."""

    def page(self, path: str, parts: tuple[object, ...], render: Callable[[], RenderedPage],
             keep: bool = True) -> RenderedPage:
        """The page at `path` made from `parts` (with `common`): kept from last time, or rendered now.
        `keep=False`: not in the store (a file kept in a store of its own, e.g. a Word plan)."""
        key = (self.common, *parts)
        kept = self.pages.get(path)
        if kept is not None and kept[0] == key:
            self.hits += 1
            return kept[1]
        if self.store is not None:  # a build: the next one is another process, which reads the store
            return self._stored(path, key, render) if keep else render()
        rendered = render()
        self.pages[path] = (key, rendered)
        return rendered

    def piece(self, name: str, parts: tuple[object, ...], make: Callable[[], str]) -> str:
        """A piece of a page (e.g. one practice's record in cases.json) made from `parts`: kept from last time in
        `make serve`; a build (with a store) makes it each time, as printing it costs less than storing it."""
        if self.store is not None:
            return make()
        return str(self.page(name, parts, lambda: RenderedPage(name, make())).content)

    def _stored(self, path: str, key: tuple[object, ...], render: Callable[[], RenderedPage]) -> RenderedPage:
        assert self.store is not None
        made = []

        def make() -> bytes:
            made.append(render())
            content = made[0].content
            return b"b" + content if isinstance(content, bytes) else b"s" + content.encode("utf-8")

        data = self.store.get_or_make(self.digests.of((code_digest(), path, key)).hex(), make)
        if made:
            return made[0]
        self.hits += 1
        return RenderedPage(path, data[1:] if data[:1] == b"b" else data[1:].decode("utf-8"))


class Digests:
    """Digests of values made of dataclasses, tuples, mappings, sets and plain values, equal for equal values in
    any process: only the fields that compare count (a Case's source document does not), as in the memo's
    in-memory key. Each dataclass, tuple and mapping is digested once (kept by identity, and kept alive so that
    no other value takes its identity): the practices a page's view shares with other pages are not digested
    for each page again (printing each page's key for a hash took 8 s a render at 1,000 practices)."""

    def __init__(self) -> None:
        self._known: dict[int, tuple[object, bytes]] = {}

    def of(self, value: object) -> bytes:
        if isinstance(value, (str, int, float, bool, bytes, type(None))):
            return _hash(type(value).__name__.encode(), repr(value).encode("utf-8"))
        known = self._known.get(id(value))
        if known is not None:
            return known[1]
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            parts = [self.of(getattr(value, f.name)) for f in dataclasses.fields(value) if f.compare]
            digest = _hash(type(value).__qualname__.encode(), *parts)
        elif isinstance(value, (tuple, list)):
            digest = _hash(b"(", *(self.of(item) for item in value))
        elif isinstance(value, Mapping):  # in its order (a vocabulary's labels are in the schema's order)
            digest = _hash(b"{", *(self.of(k) + self.of(v) for k, v in value.items()))
        elif isinstance(value, (set, frozenset)):
            digest = _hash(b"<", *sorted(self.of(item) for item in value))
        else:
            raise TypeError(f"no digest for a {type(value).__name__}")
        self._known[id(value)] = (value, digest)
        return digest


def _hash(*parts: bytes) -> bytes:
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(len(part).to_bytes(8, "big") + part)
    return digest.digest()


@functools.cache
def code_digest() -> bytes:
    """The generator's own files (code, templates, catalogs, data) and the versions of the libraries that render
    (a page kept on disk was made by the code of its day)."""
    package = Path(__file__).resolve().parent.parent
    files = sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    versions = [importlib.metadata.version(name) for name in ("jinja2", "markupsafe", "markdown", "pymdown-extensions",
                                                               "mkdocs", "python-docx")]
    return _hash(*(str(p.relative_to(package)).encode() + b"\0" + p.read_bytes() for p in files),
                 repr(versions).encode())
