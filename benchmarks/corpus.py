"""Synthetic, schema-valid content trees for the benchmark (deterministic for a given size)."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORDS = ("cluster city region firms partners skills training digital transfer network practice mentoring "
         "programme industry suppliers innovation export market design textile leather machinery plastics "
         "funding agency university research centre strategy benchmark service portfolio members workshop "
         "study visit roadmap pilot results evidence challenge component brokering start-up ecosystem").split()
PLACES = [("Bilbao", "ES", 43.26, -2.93), ("Prato", "IT", 43.88, 11.1), ("Tartu", "EE", 58.38, 26.72),
          ("Timișoara", "RO", 45.75, 21.23), ("Bielsko-Biała", "PL", 49.82, 19.04), ("Lille", "FR", 50.63, 3.06),
          ("Hamburg", "DE", 53.55, 9.99), ("Ankara", "TR", 39.93, 32.86), ("Huddersfield", "GB", 53.65, -1.78)]


def _vocabulary(size: int = 6000) -> tuple[list[str], list[float]]:
    """The domain words first, then made-up words of two to four syllables, drawn with Zipf's law
    (the k-th word about 1/k as often as the first), as in real prose: a search index over a few
    dozen words repeated on every page would be far from what a portal's index holds."""
    rng = random.Random(1)
    syllables = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]
    words = list(WORDS)
    seen = set(words)
    while len(words) < size:
        word = "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    total, cumulative = 0.0, []
    for rank in range(1, size + 1):
        total += 1 / rank
        cumulative.append(total)
    return words, cumulative


VOCABULARY, CUMULATIVE = _vocabulary()


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choices(VOCABULARY, cum_weights=CUMULATIVE, k=n)).capitalize() + "."


def _paragraph(rng: random.Random, words: int) -> str:
    out, count = [], 0
    while count < words:
        n = rng.randint(8, 18)
        out.append(_sentence(rng, n))
        count += n
    return " ".join(out)


def case(i: int, rng: random.Random, vocab: dict[str, list[str]]) -> str:
    city, country, lat, lon = PLACES[i % len(PLACES)]
    front = {
        "id": f"case-{i:05d}",
        "title": f"Practice {i}: {_sentence(rng, 5)[:-1]}",
        "status": "published",
        "kind": rng.choice(vocab["kind"]),
        "summary": _paragraph(rng, 60)[:850],
        "place": {"scope": "local", "city": city, "country": country,
                  "coordinates": {"lat": round(lat + rng.uniform(-0.02, 0.02), 4),
                                  "lon": round(lon + rng.uniform(-0.02, 0.02), 4)}},
        "organisations": [{"name": f"Agency {i}-{k}", "role": "partner"} for k in range(3)],
        "sectors": rng.sample(vocab["sector"], 2),
        "themes": rng.sample(vocab["theme"], 3),
        "period": {"start": rng.randint(1995, 2020), "ongoing": True},
        "challenge": _paragraph(rng, 50),
        "components": [{"name": f"Component {k} of {i}", "description": _paragraph(rng, 30), "transferable": k < 2}
                       for k in range(4)],
        "services": [{"number": k + 1, "name": f"Service {k + 1}", "status": "in-place" if k < 3 else "new",
                      "target": _sentence(rng, 8), "method": _sentence(rng, 10), "timing": "Ongoing"} for k in range(6)],
        "figures": [{"label": f"Figure {k}", "value": rng.randint(1, 5000), "unit": "firms", "year": 2015 + k,
                     "source": {"document": "001_af2e630d849fcec9.txt", "section": "Synthetic"}} for k in range(4)],
        "results": [_sentence(rng, 14) for _ in range(3)],
        "success_factors": [_sentence(rng, 12) for _ in range(3)],
        "difficulties": [_sentence(rng, 12) for _ in range(2)],
        "transferability": _paragraph(rng, 40),
        "resources": _paragraph(rng, 20),
        "related": [f"case-{(i + 1) % 10:05d}"],
        "sources": [{"document": "001_af2e630d849fcec9.txt", "section": "Synthetic"}],
        "last_reviewed": "2026-11-23",
    }
    links = (f"See [a related practice](case-{(i + 1) % 10:05d}.md), the [transfer-plan template]"
             f"(../guides/transfer-plan-template.md) and [the evaluation report](https://example.org/reports/{i}).")
    body = "\n\n".join(f"## Part {k}\n\n{_paragraph(rng, 160)} {links}" for k in range(5))  # about 850 words
    return "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=100) + "---\n\n" + body + "\n"


def make_corpus(base: Path, size: int, seed: int = 7) -> Path:
    """A project folder with `size` cases, the real schemas, mkdocs.yml, theme and the plan template."""
    import json

    if base.exists():
        shutil.rmtree(base)
    (base / "content" / "cases").mkdir(parents=True)
    (base / "content" / "guides").mkdir()
    shutil.copytree(ROOT / "schemas", base / "schemas")
    shutil.copy(ROOT / "mkdocs.yml", base / "mkdocs.yml")
    (base / "generator").mkdir()
    (base / "generator" / "theme").symlink_to(ROOT / "generator" / "theme")
    shutil.copy(ROOT / "content" / "guides" / "transfer-plan-template.md", base / "content" / "guides")
    vocabularies = json.loads((ROOT / "schemas" / "vocabularies.schema.json").read_text(encoding="utf-8"))["$defs"]
    vocab = {name: [alt["const"] for alt in spec["anyOf"]] for name, spec in vocabularies.items()}
    rng = random.Random(seed)
    for i in range(size):
        (base / "content" / "cases" / f"case-{i:05d}.md").write_text(case(i, rng, vocab), encoding="utf-8")
    return base
