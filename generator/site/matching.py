"""Which practices fit my city? Ranked matches with their reasons.

The rules and weights come from `data/matching.yaml`; this module turns the model
into one small feature record per practice (the same records the browser page
loads as `assets/match-data.js`), checks a visitor's profile, and ranks. The
page's script (`static/match.js`) applies the same rules to the same records, and
a test checks that both give the same order.
"""

from __future__ import annotations

import copy
import difflib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from generator import i18n
from generator.countries import country_name, is_country, suggest_country
from generator.site import scripts
from generator.site.model import SiteModel
from generator.site.opendata import case_url, plan_url
from generator.site.places import population_of
from generator.types import Case, Network

RULES_FILE = Path(__file__).parent / "data" / "matching.yaml"


@lru_cache(maxsize=1)
def load_rules() -> dict[str, Any]:
    rules = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
    ids = [r["id"] for r in rules["rules"]]
    if sorted(ids) != sorted(["sector", "theme", "size", "country", "body", "transferred", "evidence"]):
        raise ValueError(f"{RULES_FILE}: unexpected rules {ids}")
    return rules


def size_band(population: int | None, rules: Mapping[str, Any]) -> str | None:
    if population is None:
        return None
    for band, spec in rules["sizes"].items():
        if spec.get("min", 0) <= population <= spec.get("max", 10**12):
            return band
    return None


def translated_rules(translate: Callable[[str], str] = str) -> dict[str, Any]:
    """The rules with every text a visitor reads in one language (the points stay the same)."""
    rules = copy.deepcopy(load_rules())
    for spec in [*rules["sizes"].values(), *rules["bodies"].values()]:
        spec["label"] = translate(spec["label"])
    for rule in rules["rules"]:
        for key in ("explain", "one", "many", "same", "other", "unknown", "none"):
            if key in rule:
                rule[key] = translate(rule[key])
    return rules


@dataclass(frozen=True)
class Profile:
    """A visitor's place, as on the page's form and in its URL."""

    country: str | None = None
    size: str | None = None
    sectors: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    body: str | None = None


@dataclass(frozen=True)
class Match:
    id: str
    url: str
    score: int
    reasons: tuple[str, ...]
    plan_url: str | None = None
    title: str = field(default="", compare=False)


def profile_problems(profile: Profile, model: SiteModel) -> list[str]:
    """What in a profile names nothing known, each with a suggestion."""
    rules = load_rules()
    problems = []

    def unknown(kind: str, value: str, choices: Iterable[str]) -> None:
        close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.5)
        hint = f"; did you mean {close[0]}?" if close else f"; choose one of: {', '.join(choices)}"
        problems.append(f"{kind} '{value}' is not known{hint}")

    if profile.country and not is_country(profile.country):
        suggestion = suggest_country(profile.country)
        problems.append(f"country '{profile.country}' is not a two-letter ISO code"
                        + (f"; did you mean {suggestion}?" if suggestion else ""))
    if profile.size and profile.size not in rules["sizes"]:
        unknown("size", profile.size, rules["sizes"])
    for sector in profile.sectors:
        if sector not in model.vocabularies["sector"].labels:
            unknown("sector", sector, model.vocabularies["sector"].labels)
    for theme in profile.themes:
        if theme not in model.vocabularies["theme"].labels:
            unknown("theme", theme, model.vocabularies["theme"].labels)
    if profile.body and profile.body not in rules["bodies"]:
        unknown("body", profile.body, rules["bodies"])
    return problems


def features(model: SiteModel, files: bool = False, address: Callable[[Case], str] | None = None
             ) -> list[dict[str, Any]]:
    """One record per practice with just what the rules look at (also shipped to the browser);
    `address` gives a practice's page (default: its page in this site, see opendata.case_url)."""
    rules = load_rules()
    out = []
    for case in model.cases:
        population = population_of(case)
        transfers = [n for n in model.networks_of_case.get(case.id, ()) if _transfers(n, case.id)]
        learners = sorted({m.name for n in transfers for m in n.members if m.role == "learning" and m.case != case.id})
        networks = [n.title.split(":")[0] for n in transfers]
        out.append({
            "id": case.id,
            "title": case.title,
            "url": address(case) if address else case_url(case, files),
            "plan": plan_url(case, files) if model.plan_template else None,
            "country": case.place.country,
            "countries": [c for c in case.place.countries],
            "size": size_band(population.value if population else None, rules),
            "sectors": list(case.sectors),
            "themes": list(case.themes),
            "kind": case.kind,
            "transferred": len(learners),
            "networks": networks,
            "evidence": bool(case.figures or case.results),
            "original": i18n.original_fields(model.lang, title=case.title),
        })
    return out


def _transfers(network: Network, case_id: str) -> bool:
    """The network transferred this practice: it is one of its practices, some member learns it (role `learning`),
    and the practice's own member entry, if any, is `transferring` (not a study-visit host or a source of ideas)."""
    if case_id not in network.practices or not any(m.role == "learning" for m in network.members):
        return False
    own = {m.role for m in network.members if m.case == case_id} - {"partner", "coordinator"}
    return not own or "transferring" in own


def labels(model: SiteModel, records: Iterable[Mapping[str, Any]]) -> dict[str, dict[str, str]]:
    """The human labels the reasons print (also shipped to the browser)."""
    countries = {code for r in records for code in [r["country"], *r["countries"]] if code}
    return {
        "sector": dict(model.vocabularies["sector"].labels),
        "theme": dict(model.vocabularies["theme"].labels),
        "country": {code: country_name(code) for code in sorted(countries)},
    }


def _fill(text: str, **values: Any) -> str:
    for key, value in values.items():
        text = text.replace("{" + key + "}", str(value))
    return text


def score(record: Mapping[str, Any], profile: Profile, rules: Mapping[str, Any],
          names: Mapping[str, Mapping[str, str]]) -> tuple[int, list[str]]:
    """The points and reasons of one practice for one profile.

    The last two rules (already transferred, evidence) add points only to a
    practice that shares something with the profile, so that practices sharing
    nothing come last.
    """
    total, reasons, shared_any = 0, [], False
    for rule in rules["rules"]:
        rid, points = rule["id"], rule["points"]
        if rid in ("sector", "theme"):
            mine = profile.sectors if rid == "sector" else profile.themes
            shared = [v for v in record[rid + "s"] if v in mine]  # in the practice's own order
            if shared:
                shared_any = True
                total += points * len(shared)
                text = rule["one"] if len(shared) == 1 else rule["many"]
                reasons.append(_fill(text, count=len(shared), values=", ".join(names[rid][v] for v in shared)))
        elif rid == "size" and profile.size:
            band = record["size"]
            if band is None:
                reasons.append(rule["unknown"])
            elif band == profile.size:
                shared_any = True
                total += points
                reasons.append(_fill(rule["same"], band=rules["sizes"][band]["label"]))
            else:
                reasons.append(_fill(rule["other"], band=rules["sizes"][band]["label"]))
        elif rid == "country" and profile.country:
            if profile.country == record["country"] or profile.country in record["countries"]:
                shared_any = True
                total += points
                reasons.append(_fill(rule["same"], country=names["country"].get(profile.country, profile.country)))
        elif rid == "body" and profile.body:
            if record["kind"] in rules["bodies"][profile.body]["kinds"]:
                shared_any = True
                total += points
                reasons.append(_fill(rule["same"], body=rules["bodies"][profile.body]["label"]))
        elif rid == "transferred" and record["transferred"]:
            total += points if shared_any else 0
            text = rule["one"] if record["transferred"] == 1 else rule["many"]
            reasons.append(_fill(text, count=record["transferred"], networks=", ".join(record["networks"])))
        elif rid == "evidence":
            if record["evidence"]:
                total += points if shared_any else 0
            else:
                reasons.append(rule["none"])
    return total, reasons


def rank(model: SiteModel, profile: Profile) -> list[Match]:
    """Every practice, best fit first (ties keep the portal's title order)."""
    rules = load_rules()
    records = features(model)
    names = labels(model, records)
    scored = []
    for position, record in enumerate(records):
        points, reasons = score(record, profile, rules, names)
        scored.append((-points, position, Match(record["id"], record["url"], points, tuple(reasons),
                                               record["plan"], record["title"])))
    return [m for _, _, m in sorted(scored, key=lambda item: (item[0], item[1]))]


def browser_data(model: SiteModel, files: bool = False, translate: Callable[[str], str] = str,
                 address: Callable[[Case], str] | None = None, country: Callable[[str], str] | None = None) -> str:
    """`window.PORTAL_MATCH = {...}` for the match page (a script, so it also works from file://)."""
    records = features(model, files, address)
    rules = translated_rules(translate)
    names = {kind: {k: (country(k) if kind == "country" and country else translate(v)) for k, v in values.items()}
             for kind, values in labels(model, records).items()}
    data = {"base": "../", "rules": rules, "labels": names, "ui": {"point": translate("point"), "points": translate("points"),
                                                                    "plan": translate("Plan a transfer")},
            "original_lang": i18n.default_language(),
            "cases": [{k: v for k, v in r.items() if k != "title"} | {"title": r["title"]} for r in records]}
    return scripts.assignment("PORTAL_MATCH", data)
