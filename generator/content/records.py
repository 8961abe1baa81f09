"""Valid front matter -> typed, frozen records (raw dicts stop here)."""

from __future__ import annotations

from operator import attrgetter
from typing import Any, Callable, Mapping, TypeVar

from generator.types import (
    Case,
    Checklist,
    Component,
    Coordinates,
    Figure,
    Guide,
    Link,
    Member,
    Network,
    Organisation,
    Period,
    Place,
    Population,
    Record,
    Reference,
    Section,
    Service,
    Source,
    SourceDoc,
    Step,
    Template,
    Translation,
)

T = TypeVar("T")


def _many(items: Any, make: Callable[[Mapping[str, Any]], T]) -> tuple[T, ...]:
    return tuple([make(item) for item in items]) if items else ()


def _records(items: Any, kind: Callable[..., T]) -> tuple[T, ...]:
    """Each mapping in `items` as `kind(**item)`: its keys are the field names (the schema allows no others)."""
    return tuple([kind(**item) for item in items]) if items else ()


def _texts(items: Any) -> tuple[str, ...]:
    return tuple([str(item) for item in items]) if items else ()


def _period(d: Mapping[str, Any] | None) -> Period:
    return Period(**d) if d else Period()


def _place(d: Mapping[str, Any]) -> Place:
    coords = d.get("coordinates")
    pop = d.get("population")
    return Place(
        scope=d["scope"],
        city=d.get("city"),
        region=d.get("region"),
        area=d.get("area"),
        country=d.get("country"),
        countries=_texts(d.get("countries")),
        coordinates=Coordinates(float(coords["lat"]), float(coords["lon"]), coords.get("kind", "town")) if coords else None,
        population=Population(pop["value"], Source(**pop["source"]), pop.get("year")) if pop else None,
    )


def _figure(d: Mapping[str, Any]) -> Figure:
    return Figure(d["label"], d["value"], Source(**d["source"]), d.get("unit"), d.get("year"))


def _common(fm: Mapping[str, Any], doc: SourceDoc) -> dict[str, Any]:
    return {
        "id": fm["id"],
        "title": fm["title"],
        "status": fm["status"],
        "summary": fm["summary"],
        "sources": _records(fm["sources"], Source),
        "last_reviewed": fm["last_reviewed"],
        "source_notes": _texts(fm.get("source_notes")),
        "body": doc.body,
        "doc": doc,
    }


def case(doc: SourceDoc) -> Case:
    fm = doc.front_matter
    return Case(
        **_common(fm, doc),
        kind=fm["kind"],
        place=_place(fm["place"]),
        sectors=_texts(fm["sectors"]),
        themes=_texts(fm["themes"]),
        featured=bool(fm.get("featured", False)),
        organisations=_records(fm.get("organisations"), Organisation),
        period=_period(fm.get("period")),
        challenge=fm.get("challenge"),
        components=_records(fm.get("components"), Component),
        services=tuple(sorted(_records(fm.get("services"), Service), key=attrgetter("number"))),
        figures=_many(fm.get("figures"), _figure),
        results=_texts(fm.get("results")),
        success_factors=_texts(fm.get("success_factors")),
        difficulties=_texts(fm.get("difficulties")),
        transferability=fm.get("transferability"),
        resources=fm.get("resources"),
        next_steps=_texts(fm.get("next_steps")),
        related=_texts(fm.get("related")),
        networks=_texts(fm.get("networks")),
        links=_records(fm.get("links"), Link),
    )


def network(doc: SourceDoc) -> Network:
    fm = doc.front_matter
    return Network(
        **_common(fm, doc),
        programme=fm["programme"],
        practices=_texts(fm["practices"]),
        members=_records(fm["members"], Member),
        period=_period(fm.get("period")),
        elements=_texts(fm.get("elements")),
        activities=_texts(fm.get("activities")),
        themes=_texts(fm.get("themes")),
        links=_records(fm.get("links"), Link),
    )


def guide(doc: SourceDoc) -> Guide:
    fm = doc.front_matter
    return Guide(
        **_common(fm, doc),
        type=fm["type"],
        themes=_texts(fm.get("themes")),
        related=_texts(fm.get("related")),
        checklists=_texts(fm.get("checklists")),
        reading_list=_records(fm.get("reading_list"), Reference),
    )


def checklist(doc: SourceDoc) -> Checklist:
    fm = doc.front_matter
    return Checklist(
        **_common(fm, doc),
        type=fm["type"],
        steps=_many(fm["steps"], lambda s: Step(
            title=s["title"], description=s.get("description"), who=s.get("who"),
            items=_texts(s.get("items")), outputs=_texts(s.get("outputs")))),
        themes=_texts(fm.get("themes")),
        related=_texts(fm.get("related")),
        guide=fm.get("guide"),
    )


def template(doc: SourceDoc) -> Template:
    fm = doc.front_matter
    return Template(
        **_common(fm, doc),
        type=fm["type"],
        sections=_many(fm["sections"], lambda s: Section(
            id=s["id"], title=s["title"], prompt=s["prompt"],
            columns=_texts(s.get("columns")), rows=s.get("rows"))),
    )


def translation(doc: SourceDoc) -> Translation:
    fm = doc.front_matter
    fixed = ("translation_of", "lang", "translated", "translator", "title", "reviewed")
    return Translation(fm["translation_of"], fm["lang"], fm["translated"], fm["translator"], fm["title"], doc.body,
                       doc, {k: v for k, v in fm.items() if k not in fixed}, bool(fm.get("reviewed", False)))


BUILDERS: dict[str, Callable[[SourceDoc], Record]] = {
    "case": case,
    "network": network,
    "guide": guide,
    "checklist": checklist,
    "template": template,
    "translation": translation,
}


def to_record(doc: SourceDoc, kind: str) -> Record:
    """Build the typed record of a doc that passed validation."""
    return BUILDERS[kind](doc)
