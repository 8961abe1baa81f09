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
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from generator.types import Case, Checklist, Guide, Network, RenderedPage, Template


@dataclass(frozen=True, slots=True)
class CaseView:
    """What a practice's page reads of the model (site/model.SiteModel), for that practice only."""

    lang: str
    translated: frozenset[str]
    unreviewed: frozenset[str]
    outdated: Mapping[str, str]
    plan_template: Template | None
    networks_of_case: Mapping[str, tuple[Network, ...]]
    related_of_case: Mapping[str, tuple[Case, ...]]
    similar_of_case: Mapping[str, tuple[Case, ...]]
    checklists_of_case: Mapping[str, tuple[Checklist, ...]]
    guides_of_case: Mapping[str, tuple[Guide, ...]]


def case_view(model: object, case_id: str) -> CaseView:
    """The view of one practice: each of the model's facts about practices, for this one only."""
    def only(mapping: Mapping[str, object]) -> dict[str, object]:
        return {case_id: mapping[case_id]} if case_id in mapping else {}

    def member(ids: frozenset[str]) -> frozenset[str]:
        return frozenset({case_id}) & ids

    m = model
    return CaseView(m.lang, member(m.translated), member(m.unreviewed), only(m.outdated),  # type: ignore[attr-defined]
                    m.plan_template, only(m.networks_of_case), only(m.related_of_case),  # type: ignore[attr-defined]
                    only(m.similar_of_case), only(m.checklists_of_case), only(m.guides_of_case))  # type: ignore[attr-defined]


@dataclass(slots=True)
class RenderMemo:
    """Rendered pages by path, with the key of what each was made from."""

    common: tuple[object, ...] = ()
    """What every page is made from: the options, vocabularies and templates (set by render_site)."""
    pages: dict[str, tuple[tuple[object, ...], RenderedPage]] = field(default_factory=dict)
    hits: int = 0

    def page(self, path: str, parts: tuple[object, ...], render: Callable[[], RenderedPage]) -> RenderedPage:
        """The page at `path` made from `parts` (with `common`): kept from last time, or rendered now."""
        key = (self.common, *parts)
        kept = self.pages.get(path)
        if kept is not None and kept[0] == key:
            self.hits += 1
            return kept[1]
        rendered = render()
        self.pages[path] = (key, rendered)
        return rendered
