"""`make bench`: how build time, memory and download sizes grow with the number of practices.

Generates synthetic, schema-valid corpora (about 1,000 words per case, full front
matter), builds each with the portal generator and, as the reference, the same
case pages with bare MkDocs + Material (no generator, no nav entries), each run
in a fresh process. Prints medians of several runs as one table.

    python benchmarks/bench.py [--sizes 100 1000 4000] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.corpus import make_corpus  # noqa: E402

HERE = Path(__file__).resolve().parent


def run(mode: str, project: Path) -> dict[str, float]:
    out = subprocess.run([sys.executable, str(HERE / "run_once.py"), mode, str(project)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def median(runs: list[dict[str, float]], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 4000])
    parser.add_argument("--runs", type=int, default=3, help="runs per size (the largest size gets at most 2)")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="portal-bench-") as tmp:
        for size in args.sizes:
            project = make_corpus(Path(tmp) / f"corpus-{size}", size)
            runs = 2 if size == max(args.sizes) and size >= 4000 else args.runs
            ours = [run("ours", project) for _ in range(runs)]
            bare = [run("bare", project) for _ in range(runs)]
            row = {
                "cases": size, "runs": runs,
                "validate_s": median(ours, "validate"), "generate_s": median(ours, "generate"),
                "mkdocs_s": median(ours, "mkdocs"), "total_s": median(ours, "total"),
                "bare_s": median(bare, "total"), "peak_mb": max(r["peak_mb"] for r in ours),
                "site_mb": median(ours, "site_bytes") / 1e6,
                "search_kb_per_query": median(ours, "search_bytes") / 1e3,
                "search_catalogue_kb": median(ours, "search_catalogue") / 1e3,
                "bare_search_kb_per_case": median(bare, "search_bytes") / 1e3 / size,
                "index_s": median(ours, "index"),
                "finder_kb_per_case": median(ours, "finder_bytes") / 1e3 / size,
                "files_per_s": ours[0]["files"] / median(ours, "validate"),
                "language_s": median(ours, "language_s"), "language_mb": median(ours, "language_bytes") / 1e6,
            }
            row["ratio"] = row["total_s"] / row["bare_s"]
            rows.append(row)
            print(json.dumps(row), file=sys.stderr, flush=True)
    header = ("cases", "validate s", "files/s", "generate s", "mkdocs s", "total s", "bare s", "ratio",
              "peak MB", "site MB", "search kB/query", "finder kB/case", "+1 language s", "+1 language MB")
    print("| " + " | ".join(header) + " |")
    print("|" + "---:|" * len(header))
    for r in rows:
        print(f"| {r['cases']} | {r['validate_s']:.1f} | {r['files_per_s']:.0f} | {r['generate_s']:.1f} | "
              f"{r['mkdocs_s']:.1f} | {r['total_s']:.1f} | {r['bare_s']:.1f} | {r['ratio']:.2f} | {r['peak_mb']:.0f} | "
              f"{r['site_mb']:.0f} | {r['search_kb_per_query']:.0f} | {r['finder_kb_per_case']:.2f} | "
              f"{r['language_s']:.1f} | {r['language_mb']:.0f} |")
    by_size = {r["cases"]: r for r in rows}
    sizes = sorted(by_size)
    if len(sizes) > 1:
        small, large = by_size[sizes[0]], by_size[sizes[-1]]
        growth = (large["search_kb_per_query"] - small["search_kb_per_query"]) * 1e3 / (large["cases"] - small["cases"])
        print(f"\nSearch (Pagefind, one-word query: code, page list, one index chunk, five excerpts): grows by "
              f"{growth:.0f} B per case from {sizes[0]:,} to {sizes[-1]:,} cases; Material's single index (bare "
              f"reference) is {large['bare_search_kb_per_case']:.1f} kB per case. Pagefind indexing: "
              + ", ".join(f"{by_size[s]['index_s']:.1f} s at {s:,}" for s in sizes) + ".")
    if 1000 in by_size and 4000 in by_size:
        print(f"\n4,000 cases cost {by_size[4000]['total_s'] / by_size[1000]['total_s']:.2f}x what 1,000 cost "
              "(target: at most 4.4x).")
    print("Targets: total at 1,000 cases at most 1.5x bare; validation at least 2,000 files/s; peak under 1 GiB "
          "at 4,000; search and finder downloads grow by at most 2 kB per case (or load in chunks).")


if __name__ == "__main__":
    main()
