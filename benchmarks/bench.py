"""`make bench`: what the commands a user runs cost at 1,000 and 4,000 practices, against the targets.

Each size is a project with the portal's real content (practices, networks,
guides, checklists, translations) and synthetic practices to make up the number
(`corpus.py`). Every figure is a command run as a user runs it, in its own
process, timed from start to end:

- check: `python -m generator check`;
- site: the default `make site` (`python -m generator build`: every language,
  every published printout, the search index, the link check), from a clean
  project (no build/ folder, so no print cache);
- bare: the reference, MkDocs alone (`mkdocs build`) on the same generated
  English pages with the project's own mkdocs.yml;
- rebuild: `python -m generator build` again after one practice was edited
  (the print cache of the first build kept, as CI may keep it);
- serve (with --serve): `python -m generator serve`; one practice edited five
  times, the time until the served page shows each edit (median), fetched as the
  browser showing it does (after MkDocs' live-reload answer).

    python benchmarks/bench.py [--sizes 1000 4000] [--serve]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.corpus import make_corpus  # noqa: E402
from generator.output.search import query_download  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"site_ratio": 4.0, "growth": 4.4, "peak_mib": 1024, "site_mb_1000": 250, "rebuild_ratio": 1.5,
           "serve_s": 1.0, "check_s": 3.0}


def run(command: list[str], cwd: Path) -> tuple[float, float, float]:
    """Seconds from start to end; the peak resident memory in MiB of the command's largest process (itself or
    a child: Pagefind, Chromium, MkDocs' workers); and the peak of all its processes together, sampled every
    0.2 s. Fails when the command fails."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    together, ended = [0], threading.Event()
    sampling = threading.Thread(target=_sample_tree, args=(process.pid, together, ended), daemon=True)
    sampling.start()
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    ended.set()
    sampling.join()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(command)} failed: {errors.decode(errors='replace')[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024, together[0] / 1024


def _sample_tree(root: int, peak: list[int], ended: threading.Event) -> None:
    """The largest sum of the resident memory (KiB) of process `root` and its descendants, into peak[0], until
    `ended` (an upper bound: pages they share, such as a forked process's, count in each)."""
    while not ended.is_set():
        parents, resident = {}, {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/status", encoding="ascii", errors="replace") as status:
                        fields = dict(line.split(":", 1) for line in status if ":" in line)
                    parents[int(entry)] = int(fields["PPid"])
                    resident[int(entry)] = int(fields.get("VmRSS", "0 kB").split()[0])
                except (OSError, KeyError, ValueError):
                    continue
        tree, grew = {root}, True
        while grew:
            grew = False
            for pid, parent in parents.items():
                if parent in tree and pid not in tree:
                    tree.add(pid)
                    grew = True
        peak[0] = max(peak[0], sum(resident.get(pid, 0) for pid in tree))
        time.sleep(0.2)


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def edit(project: Path, marker: str) -> Path:
    """Change one word of one synthetic practice's summary."""
    case = project / "content" / "cases" / "case-00003.md"
    text = case.read_text(encoding="utf-8")
    start = text.index("summary: ") + len("summary: ")
    case.write_text(text[:start] + marker + " " + text[start:], encoding="utf-8")
    return case


def serve_latency(project: Path, edits: int = 5) -> float:
    """Median seconds from saving an edit to the served page showing it, fetched as a browser on the page does:
    it waits on MkDocs' live-reload request (/livereload/<epoch>/<id>, answered when a rebuild is done), then loads
    the page again. (Fetching the page every 20 ms instead kept the server under test busy: the regeneration took
    0.3 s longer at 1,000 practices.)"""
    import re
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(project), "serve",
                                "--dev-addr", f"127.0.0.1:{port}"], cwd=ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}"

    def get(path: str, timeout: float = 5) -> str:
        try:
            with urllib.request.urlopen(base + path, timeout=timeout) as response:
                return response.read().decode("utf-8")
        except OSError:
            return ""

    def epoch(page: str) -> tuple[str, str]:
        found = re.search(r"livereload\((\d+), (\d+)\)", page)
        if found is None:
            raise RuntimeError("the served page has no live-reload script")
        return found[1], found[2]

    try:
        deadline = time.monotonic() + 900
        while "Practice 3" not in (page := get("/cases/case-00003/")):
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("serve did not start")
            time.sleep(0.5)
        latencies = []
        for n in range(edits):
            marker = f"Servedit{n}x"
            known, request = epoch(page)
            edit(project, marker)
            saved = time.perf_counter()
            while marker not in page:
                if time.perf_counter() - saved > 600:
                    raise RuntimeError("the edit was never served")
                answer = get(f"/livereload/{known}/{request}", timeout=120)  # waits until a rebuild is done
                if answer.strip().isdigit() and answer.strip() != known:
                    page = get("/cases/case-00003/")
                    known, request = epoch(page)
            latencies.append(time.perf_counter() - saved)
            time.sleep(1)
        return statistics.median(latencies)
    finally:
        os.killpg(process.pid, 15)
        process.wait(timeout=30)


def measure(project: Path, serve: bool) -> dict[str, float]:
    generator = [sys.executable, "-m", "generator", "--root", str(project)]
    for folder in ("build", "site"):
        shutil.rmtree(project / folder, ignore_errors=True)
    row: dict[str, float] = {}
    row["check_s"], _, _ = run([*generator, "check"], ROOT)
    row["site_s"], row["peak_mib"], row["together_mib"] = run([*generator, "build"], ROOT)
    site = project / "site"
    row["site_mb"] = size_mb(site)
    row["search_kb"] = query_download(site).total / 1e3
    row["finder_kb_per_case"] = ((site / "finder" / "index.html").stat().st_size
                                 + (site / "assets" / "finder.js").stat().st_size) / 1e3
    row["bare_s"], _, _ = run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"),
                            "-d", str(project / "bare-site")], project)
    edit(project, "Edited")
    row["rebuild_s"], row["rebuild_peak_mib"], row["rebuild_together_mib"] = run([*generator, "build"], ROOT)
    if serve:
        row["serve_s"] = serve_latency(project)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 4000])
    parser.add_argument("--serve", action="store_true", help="also measure make serve after an edit")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="portal-bench-") as tmp:
        for size in args.sizes:
            project = make_corpus(Path(tmp) / f"corpus-{size}", size)
            row = {"cases": size, **measure(project, args.serve)}
            row["finder_kb_per_case"] /= size
            row["site_ratio"] = row["site_s"] / row["bare_s"]
            row["rebuild_ratio"] = row["rebuild_s"] / row["bare_s"]
            rows.append(row)
            print(json.dumps(row), file=sys.stderr, flush=True)
            shutil.rmtree(project, ignore_errors=True)
    print(table(rows))
    print()
    print(verdicts(rows))


def table(rows: list[dict[str, float]]) -> str:
    header = ("practices", "check s", "site s", "bare s", "site / bare", "rebuild s", "rebuild / bare", "serve s",
              "peak MiB", "all processes MiB", "site MB", "search kB/query", "finder kB/practice")
    lines = ["| " + " | ".join(header) + " |", "|" + "---:|" * len(header)]
    for r in rows:
        serve = f"{r['serve_s']:.2f}" if "serve_s" in r else "not run"
        lines.append(f"| {r['cases']:,} | {r['check_s']:.1f} | {r['site_s']:.0f} | {r['bare_s']:.0f} | "
                     f"{r['site_ratio']:.2f} | {r['rebuild_s']:.0f} | {r['rebuild_ratio']:.2f} | {serve} | "
                     f"{max(r['peak_mib'], r['rebuild_peak_mib']):.0f} | "
                     f"{max(r['together_mib'], r['rebuild_together_mib']):.0f} | {r['site_mb']:.0f} | {r['search_kb']:.0f} | "
                     f"{r['finder_kb_per_case']:.2f} |")
    return "\n".join(lines)


def verdicts(rows: list[dict[str, float]]) -> str:
    """Each target, met or missed, with the figure."""
    out = []

    def say(name: str, value: float, limit: float, unit: str = "") -> None:
        out.append(f"- {name}: {value:.2f}{unit} against at most {limit:g}{unit}: {'met' if value <= limit else 'MISSED'}")

    def at_1000(name: str, value: float, limit: float, size: int, unit: str = "") -> None:
        """Issue #19 sets this target at 1,000 practices; at another size the figure is printed, with no verdict."""
        if size == 1000:
            say(name, value, limit, unit)
        else:
            out.append(f"- ({name}: {value:.2f}{unit}; the target of at most {limit:g}{unit} is set at 1,000)")

    by_size = {r["cases"]: r for r in rows}
    for r in rows:
        n = f"{r['cases']:,} practices"
        at_1000(f"make site at {n}, against bare MkDocs", r["site_ratio"], TARGETS["site_ratio"], r["cases"], "x")
        say(f"rebuild after one edit at {n}, against bare MkDocs", r["rebuild_ratio"], TARGETS["rebuild_ratio"], "x")
        at_1000(f"make check at {n}", r["check_s"], TARGETS["check_s"], r["cases"], " s")
        if "serve_s" in r:
            at_1000(f"make serve, an edit served at {n}", r["serve_s"], TARGETS["serve_s"], r["cases"], " s")
    if 1000 in by_size:
        say("the built site at 1,000 practices", by_size[1000]["site_mb"], TARGETS["site_mb_1000"], " MB")
    if 1000 in by_size and 4000 in by_size:
        say("make site at 4,000 practices, against 1,000", by_size[4000]["site_s"] / by_size[1000]["site_s"],
            TARGETS["growth"], "x")
    if 4000 in by_size:
        say("peak memory at 4,000 practices", max(by_size[4000]["peak_mib"], by_size[4000]["rebuild_peak_mib"]),
            TARGETS["peak_mib"], " MiB")
        together = max(by_size[4000]["together_mib"], by_size[4000]["rebuild_together_mib"])
        out.append(f"- (all of the build's processes together at 4,000 practices, their resident memory summed: "
                   f"{together:.0f} MiB; no target)")
    return "\n".join(out)


if __name__ == "__main__":
    main()
