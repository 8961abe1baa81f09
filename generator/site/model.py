"""Stage 3, model: typed records -> SiteModel, with every cross-reference resolved.

Everything that relates one page to another (related cases, networks, theme and
country indexes, "learns from" links) is computed here, once, so that templates
never loop over all cases for each page.
"""

from __future__ import annotations

import difflib
import functools
import heapq
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping, NamedTuple

from generator.content.load import field_name
from generator.content.references import missing_problem, references
from generator.content.schemas import SchemaSet, Vocabulary
from generator.content.validate import content_type
from generator.diagnostics import Diagnostic, Severity
from generator.types import Case, Checklist, Guide, LinePath, Network, Record, Template

PUBLISHED = "published"
PLAN_TEMPLATE = "transfer-plan-template"
SHARED_THEME_RELATED = 4
"""How many practices 'by shared themes' a case page suggests."""
SHARING_ROLES = ("transferring", "study-visit-host", "source-of-ideas")
"""Member roles whose own practice others learnt from, by a transfer or by studying it."""


@dataclass(frozen=True)
class SiteModel:
    """The whole portal, resolved: what render.py needs and nothing else."""

    cases: tuple[Case, ...]
    networks: tuple[Network, ...]
    guides: tuple[Guide, ...]
    checklists: tuple[Checklist, ...]
    templates: tuple[Template, ...]
    vocabularies: Mapping[str, Vocabulary]
    preview: bool
    case_by_id: Mapping[str, Case] = field(repr=False)
    networks_of_case: Mapping[str, tuple[Network, ...]] = field(repr=False)
    related_of_case: Mapping[str, tuple[Case, ...]] = field(repr=False)
    similar_of_case: Mapping[str, tuple[Case, ...]] = field(repr=False)
    checklists_of_case: Mapping[str, tuple[Checklist, ...]] = field(repr=False)
    guides_of_case: Mapping[str, tuple[Guide, ...]] = field(repr=False)
    cases_by: Mapping[str, Mapping[str, tuple[Case, ...]]] = field(repr=False)
    """facet ('theme', 'sector', 'country', 'kind', 'network') -> value -> cases."""
    lang: str = "en"
    """The language of this model's text (see pipeline.Checked.model_for)."""
    translated: frozenset[str] = frozenset()
    """ids of the cases, networks and guides (of every type) whose text is translated into `lang`."""
    unreviewed: frozenset[str] = frozenset()
    """ids of those whose translation is drafted by the project and not reviewed yet (`reviewed: false`)."""
    outdated: Mapping[str, str] = field(default_factory=dict)
    """ids of translations older than their original -> the date the original changed."""
    schemas: SchemaSet | None = field(default=None, repr=False, compare=False)
    """The schemas the content was checked with, for the contribution form (None: no form is made)."""

    @property
    def plan_template(self) -> Template | None:
        """The transfer-plan template every case's plan is pre-filled from."""
        return next((t for t in self.templates if t.id == PLAN_TEMPLATE), self.templates[0] if self.templates else None)

    def label(self, vocabulary: str, value: str) -> str:
        return self.vocabularies[vocabulary].label(value)


@dataclass(frozen=True, slots=True)
class Modelled:
    model: SiteModel
    diagnostics: tuple[Diagnostic, ...]


def build_model(records: Iterable[Record], vocabularies: Mapping[str, Vocabulary], preview: bool = False,
                existing: Mapping[str, frozenset[str]] | None = None) -> Modelled:
    """Resolve references among the valid records; report the broken ones.

    Without `preview`, only published records are kept; a reference from a
    published page to an unpublished one is dropped with a warning. `existing`
    (folder -> ids of the files there, valid or not) makes a reference to a file
    that exists but has problems of its own no problem here: that file reports them.
    """
    problems: list[Diagnostic] = []
    all_records = list(records)
    ids: dict[tuple[str, str], Record] = {}
    for record in all_records:
        folder = record.doc.folder
        key = (folder, record.id)
        if key in ids:
            problems.append(Diagnostic(record.doc.path, record.doc.line(("id",)), "id",
                                       f"id '{record.id}' is also used by {ids[key].doc.path}",
                                       "Every page needs its own id: rename one of them."))
            continue
        ids[key] = record

    def keep(r: Record) -> bool:
        return preview or r.status == PUBLISHED

    every = {key: r for key, r in ids.items()}
    kept = [r for r in every.values() if keep(r)]
    cases = sorted((r for r in kept if isinstance(r, Case)), key=lambda c: c.title.casefold())
    networks = sorted((r for r in kept if isinstance(r, Network)), key=lambda n: n.title.casefold())
    guides = sorted((r for r in kept if isinstance(r, Guide)), key=lambda g: g.title.casefold())
    checklists = sorted((r for r in kept if isinstance(r, Checklist)), key=lambda c: c.title.casefold())
    templates = sorted((r for r in kept if isinstance(r, Template)), key=lambda t: t.id)

    valid = {folder: {i for (f, i) in every if f == folder} for folder in ("cases", "networks", "guides")}
    known = {folder: valid[folder] | set((existing or {}).get(folder, ())) for folder in valid}
    kept_ids = {folder: {r.id for r in kept if r.doc.folder == folder} for folder in ("cases", "networks", "guides")}

    def check(record: Record, path: LinePath, folder: str, ref: str) -> None:
        """Report `ref` when it names no page, or an unpublished one."""
        if ref not in known[folder]:
            problems.append(missing_problem(record.doc, path, folder, ref, known[folder]))
        elif ref in valid[folder] and ref not in kept_ids[folder] and keep(record):
            problems.append(Diagnostic(record.doc.path, record.doc.line(path), field_name(path),
                                       f"'{ref}' is not published yet, so the link is left out",
                                       severity=Severity.WARNING))

    # Check every reference, in every record, published or not (the fields: content/references.py).
    for r in every.values():
        for path, folder, ref in references(r.doc.front_matter, content_type(r.doc) or ""):
            check(r, path, folder, ref)
        if isinstance(r, Network):
            problems.extend(_check_elements(r, every))

    case_by_id = {c.id: c for c in cases}
    network_by_id = {n.id: n for n in networks}

    networks_of: dict[str, set[str]] = defaultdict(set)
    for c in cases:
        networks_of[c.id].update(n for n in c.networks if n in network_by_id)
    for n in networks:
        for ref in (*n.practices, *(m.case for m in n.members if m.case)):
            if ref in case_by_id:
                networks_of[ref].add(n.id)

    related_of: dict[str, list[Case]] = defaultdict(list)
    for c in cases:
        for ref in c.related:
            if ref in case_by_id and case_by_id[ref] not in related_of[c.id]:
                related_of[c.id].append(case_by_id[ref])

    checklists_of: dict[str, list[Checklist]] = defaultdict(list)
    for cl in checklists:
        for ref in cl.related:
            if ref in case_by_id:
                checklists_of[ref].append(cl)
    guides_of: dict[str, list[Guide]] = defaultdict(list)
    for g in guides:
        for ref in g.related:
            if ref in case_by_id:
                guides_of[ref].append(g)

    facets: dict[str, dict[str, list[Case]]] = {f: defaultdict(list) for f in ("theme", "sector", "country", "kind", "network")}
    for c in cases:
        for t in c.themes:
            facets["theme"][t].append(c)
        for s in c.sectors:
            facets["sector"][s].append(c)
        for code in _countries(c):
            facets["country"][code].append(c)
        facets["kind"][c.kind].append(c)
        for n in sorted(networks_of[c.id]):
            facets["network"][n].append(c)

    model = SiteModel(
        cases=tuple(cases),
        networks=tuple(networks),
        guides=tuple(guides),
        checklists=tuple(checklists),
        templates=tuple(templates),
        vocabularies=MappingProxyType(dict(vocabularies)),
        preview=preview,
        case_by_id=MappingProxyType(case_by_id),
        networks_of_case=MappingProxyType(
            {cid: tuple(network_by_id[n] for n in sorted(ns)) for cid, ns in networks_of.items()}),
        related_of_case=MappingProxyType({k: tuple(v) for k, v in related_of.items()}),
        similar_of_case=_Later(lambda: _similar(cases, related_of, case_by_id)),
        checklists_of_case=MappingProxyType({k: tuple(v) for k, v in checklists_of.items()}),
        guides_of_case=MappingProxyType({k: tuple(v) for k, v in guides_of.items()}),
        cases_by=MappingProxyType({f: MappingProxyType({k: tuple(v) for k, v in sorted(d.items())})
                                   for f, d in facets.items()}),
    )
    return Modelled(model, tuple(problems))


def _countries(case: Case) -> list[str]:
    codes = [case.place.country] if case.place.country else []
    return codes + [c for c in case.place.countries if c not in codes]


class _Later(Mapping[str, tuple[Case, ...]]):
    """A mapping computed on first use: `check` never needs it, only the case pages do."""

    def __init__(self, compute: Callable[[], dict[str, tuple[Case, ...]]]) -> None:
        self._compute: Callable[[], dict[str, tuple[Case, ...]]] | None = compute
        self._value: dict[str, tuple[Case, ...]] = {}

    def _mapping(self) -> dict[str, tuple[Case, ...]]:
        if self._compute is not None:
            self._value, self._compute = self._compute(), None
        return self._value

    def __getitem__(self, key: str) -> tuple[Case, ...]:
        return self._mapping()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._mapping())

    def __len__(self) -> int:
        return len(self._mapping())


def _similar(cases: list[Case], declared: Mapping[str, list[Case]], by_id: Mapping[str, Case]
             ) -> dict[str, tuple[Case, ...]]:
    """`_similar_ids` of the cases, as the cases themselves."""
    signature = tuple((c.id, c.title, frozenset(c.themes), tuple(r.id for r in declared.get(c.id, ()))) for c in cases)
    return {case_id: tuple(by_id[i] for i in ids) for case_id, ids in _similar_ids(signature).items()}


class _Themed(NamedTuple):
    """What `_similar_all` reads of a case."""

    id: str
    title: str
    themes: frozenset[str]


@functools.lru_cache(maxsize=1)
def _similar_ids(signature: tuple[tuple[str, str, frozenset[str], tuple[str, ...]], ...]
                 ) -> dict[str, tuple[str, ...]]:
    """`_similar_all` by id, from what it reads of each case (id, title, themes, declared related ones): kept
    while those are unchanged, as after most edits in `make serve` (0.25 s a model at 1,000 practices)."""
    cases = [_Themed(case_id, title, themes) for case_id, title, themes, _ in signature]
    declared = {case_id: related for case_id, _, _, related in signature}
    return {case_id: tuple(c.id for c in similar) for case_id, similar in _similar_all(cases, declared).items()}


def _similar_all(cases: list[_Themed], declared: Mapping[str, tuple[str, ...]]) -> dict[str, tuple[_Themed, ...]]:
    """For every case, the cases sharing the most themes with it (ties by title; declared related ones left out).

    Cases are grouped by their set of themes, so the work grows with the number of
    cases and of distinct theme sets, not with cases x cases.
    """
    theme_bit = {t: 1 << i for i, t in enumerate(sorted({t for c in cases for t in c.themes}))}
    groups: dict[int, list[_Themed]] = defaultdict(list)
    for c in cases:  # `cases` is sorted by title, so each group is too
        groups[sum(theme_bit[t] for t in set(c.themes))].append(c)
    masks = list(groups)
    result: dict[str, tuple[_Themed, ...]] = {}
    for mask in masks:
        by_shared: dict[int, list[int]] = defaultdict(list)
        for other in masks:
            shared = (mask & other).bit_count()
            if shared:
                by_shared[shared].append(other)
        for case in groups[mask]:
            skip = {case.id, *declared.get(case.id, ())}
            picked: list[_Themed] = []
            for shared in sorted(by_shared, reverse=True):
                candidates = heapq.merge(*(groups[m] for m in by_shared[shared]), key=lambda c: c.title.casefold())
                for other in candidates:
                    if other.id not in skip:
                        picked.append(other)
                        if len(picked) == SHARED_THEME_RELATED:
                            break
                if len(picked) == SHARED_THEME_RELATED:
                    break
            result[case.id] = tuple(picked)
    return result


def _check_elements(network: Network, every: Mapping[tuple[str, str], Record]) -> list[Diagnostic]:
    """Warn when a transferred element is not a component of any of the network's practices."""
    names = set()
    for ref in network.practices:
        practice = every.get(("cases", ref))
        if isinstance(practice, Case):
            names.update(c.name for c in practice.components)
    if not names:
        return []
    return [
        Diagnostic(network.doc.path, network.doc.line(("elements", i)), f"elements[{i}]",
                   f"'{element}' is not a component of the practices this network transfers",
                   _close_hint(element, names), Severity.WARNING)
        for i, element in enumerate(network.elements) if element not in names
    ]


def _close_hint(value: str, names: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(names), n=1, cutoff=0.5)
    return f"Did you mean '{close[0]}'?" if close else "Use the exact name of a component of the practice."
