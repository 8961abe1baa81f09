"""One measured build, in its own process (so peak memory is its own). Prints one JSON line.

    python benchmarks/run_once.py ours PROJECT_DIR
    python benchmarks/run_once.py bare PROJECT_DIR
"""

from __future__ import annotations

import json
import resource
import shutil
import sys
import time
from pathlib import Path


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def ours(root: Path) -> dict[str, float]:
    from generator import pipeline
    from generator.output.build import build_site
    from generator.output.linkcheck import broken_links
    from generator.output.search import index_site, query_download
    from generator.output.write import write_site
    from generator.site.addresses import RenderOptions
    from generator.site.pages import render_site

    project = pipeline.Project(root)
    t0 = time.perf_counter()
    checked = pipeline.check(project)
    t1 = time.perf_counter()
    assert checked.report.ok and checked.model is not None
    written = write_site(render_site(checked.model, options=RenderOptions(pdf=False)), project.docs)
    t2 = time.perf_counter()
    indexing: list[float] = []

    def finish(site: Path) -> None:  # as pipeline.build does, without the PDFs
        started = time.perf_counter()
        index_site(site)
        indexing.append(time.perf_counter() - started)
        broken_links(site)

    build_site(project.mkdocs_yml, project.docs, project.site, finish=finish)
    t3 = time.perf_counter()
    site = project.site
    # What one more language costs: its pages rendered and built under /es/ (content shown in English).
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    spanish_docs = pipeline.docs_for(project, "es")
    write_site(render_site(checked.model_for("es"), options=RenderOptions(pdf=False, lang="es", languages=("en", "es"))),
               spanish_docs)
    config = load_config(str(project.mkdocs_yml), docs_dir=str(spanish_docs), site_dir=str(site / "es"))
    config.theme["language"] = "es"
    config.extra["site_root"] = "../"
    mkdocs_build(config)
    t4 = time.perf_counter()
    index_site(site)  # both languages now; the English part was counted above
    t5 = time.perf_counter()
    query = query_download(site)
    return {
        "files": checked.files, "validate": t1 - t0, "generate": t2 - t1, "mkdocs": t3 - t2, "total": t3 - t0,
        "index": indexing[0], "language_s": (t4 - t3) + (t5 - t4 - indexing[0]),
        "language_bytes": _size(site / "es") + _size(site / "pagefind") // 2,
        "pages_written": len(written.changed),
        "site_bytes": _size(site),
        "search_bytes": query.total, "search_catalogue": query.catalogue, "search_chunk": query.chunk,
        "finder_bytes": (site / "finder" / "index.html").stat().st_size + (site / "assets" / "finder.js").stat().st_size,
    }


def bare(root: Path) -> dict[str, float]:
    """The same case pages (as the generator writes them) built by MkDocs + Material alone: no nav entries.

    Run after `ours`, whose generated Markdown it copies; it uses the same Markdown
    extensions, so the difference is the generator and the portal's other pages.
    """
    import yaml
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    docs = root / "bare-docs"
    if docs.exists():
        shutil.rmtree(docs)
    shutil.copytree(root / "build" / "docs" / "cases", docs / "cases")
    (docs / "index.md").write_text("# Reference\n", encoding="utf-8")
    ours_config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config = {"site_name": "Reference", "theme": {"name": "material", "font": False}, "plugins": ["search"],
              "nav": ["index.md"], "markdown_extensions": ours_config["markdown_extensions"],
              "validation": {"nav": {"omitted_files": "ignore"}, "links": {"not_found": "info"}}}
    config_file = root / "bare-mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config), encoding="utf-8")
    t0 = time.perf_counter()
    build(load_config(str(config_file), docs_dir=str(docs), site_dir=str(root / "bare-site")))
    t1 = time.perf_counter()
    return {"total": t1 - t0, "site_bytes": _size(root / "bare-site"),
            "search_bytes": (root / "bare-site" / "search" / "search_index.json").stat().st_size}


if __name__ == "__main__":
    import logging

    logging.disable(logging.WARNING)
    mode, root = sys.argv[1], Path(sys.argv[2])
    result = (ours if mode == "ours" else bare)(root)
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))
