"""The whole pipeline in order: load -> validate -> model -> render -> write -> build.

Each stage returns its output plus diagnostics; this module only calls them in
order and decides, from the collected Report, whether to go on.
"""

from __future__ import annotations

import dataclasses
import datetime
import itertools
import logging
from dataclasses import dataclass
from pathlib import Path

from generator.build import BuildFailed, build_site
from generator.linkcheck import broken_links
from generator.workshop import make_workshop_files

KIT_NAME = "portal-offline.zip"
from generator.diagnostics import Report
from generator.load import MediaFile, load_docs, load_media
from generator.model import SiteModel, build_model
from generator.browser import find_chromium
from generator.pdf import print_pdfs
from generator.render import RenderedPage, RenderOptions, print_jobs, render_site
from generator.schemas import load_schemas
from generator.validate import validate_docs
from generator.write import write_site

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Project:
    """Where a portal's parts live. Every command works on one Project."""

    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def schemas(self) -> Path:
        return self.root / "schemas"

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def docs(self) -> Path:
        """The generated Markdown that mkdocs.yml builds from (git-ignored)."""
        return self.root / "build" / "docs"

    @property
    def site(self) -> Path:
        return self.root / "site"


@dataclass(frozen=True, slots=True)
class Checked:
    report: Report
    files: int
    model: SiteModel | None
    media: tuple[MediaFile, ...] = ()


def check(project: Project, preview: bool = False) -> Checked:
    """Load, validate and model the content; write nothing."""
    report = Report()
    schemas = load_schemas(project.schemas)
    loaded = load_docs(project.content, project.root)
    report.extend(loaded.diagnostics)
    media, media_problems = load_media(project.content, project.root)
    report.extend(media_problems)
    validated = validate_docs(loaded.docs, schemas, project.root)
    report.extend(validated.diagnostics)
    modelled = build_model(validated.records, schemas.vocabularies, preview=preview)
    report.extend(modelled.diagnostics)
    return Checked(report, loaded.files, modelled.model, media)


@dataclass(frozen=True, slots=True)
class Generated:
    checked: Checked
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


def media_pages(checked: Checked) -> list[RenderedPage]:
    """content/media/ files, copied into the site as they are."""
    return [RenderedPage(m.path, m.data) for m in checked.media]


def kit_download(project: Project) -> tuple[RenderedPage, tuple[str, int, str]] | None:
    """The offline kit built by `make kit` (dist/), offered on the site's home page with its size and date."""
    kit = project.root / "dist" / KIT_NAME
    if not kit.is_file():
        return None
    date = datetime.date.fromtimestamp(kit.stat().st_mtime).isoformat()
    return RenderedPage(f"downloads/{KIT_NAME}", kit.read_bytes()), (f"downloads/{KIT_NAME}", kit.stat().st_size, date)


def generate(project: Project, preview: bool = False, options: RenderOptions = RenderOptions()) -> Generated:
    """Check, then render and write the Markdown pages (only when the content is valid)."""
    checked = check(project, preview=preview)
    if not checked.report.ok or checked.model is None:
        return Generated(checked)
    extra = media_pages(checked)
    kit = kit_download(project) if not options.kit else None
    if kit:
        extra.append(kit[0])
        options = dataclasses.replace(options, kit_download=kit[1])
    written = write_site(itertools.chain(render_site(checked.model, options=options), extra), project.docs)
    log.info("generated %d pages (%d changed, %d removed)", len(written.changed) + written.unchanged,
             len(written.changed), len(written.removed))
    return Generated(checked, written.changed, written.removed)


def build(project: Project, preview: bool = False, site: Path | None = None, pdf: bool | None = None) -> Generated:
    """Generate, then `mkdocs build --strict` into `site` (atomically), then print the PDFs.

    `pdf=None` prints them when a system Chromium is found and says so when not.
    """
    if pdf is None:
        pdf = find_chromium() is not None
        if not pdf:
            log.warning("Chromium not found: building without the PDFs of checklists and plans "
                        "(Debian: apt-get install chromium)")
    generated = generate(project, preview=preview, options=RenderOptions(pdf=pdf))
    model = generated.checked.model
    if generated.checked.report.ok and model is not None:
        jobs = print_jobs(model) if pdf else []

        def finish(staging: Path) -> None:
            print_pdfs(staging, jobs)
            if pdf:
                make_workshop_files(staging, model, project.mkdocs_yml)
            broken = broken_links(staging)
            if broken:
                listed = "; ".join(f"{b.page} -> {b.target}" for b in broken[:10])
                raise BuildFailed(f"{len(broken)} internal link(s) lead nowhere: {listed}")

        build_site(project.mkdocs_yml, project.docs, site or project.site, finish=finish)
    return generated
