"""`make kit`: the whole portal as one zip that works opened from disk, with no network.

A separate build (site/ is left as it is) with MkDocs' file-friendly URLs and
Material's offline plugin, which inlines the search index into a script. The
one script that plugin would otherwise fetch from a CDN (the iframe-worker shim
that runs the search worker under file://) is shipped in the kit from
`static/vendor/`. Data for the finder, the match page, the comparison and the
plans are scripts, not fetched JSON, because browsers refuse fetch() from file://.
"""

from __future__ import annotations

import itertools
import logging
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from generator import i18n, pipeline
from generator.config import site_url
from generator.output import workshop
from generator.output.audit import audit_site, theme_script_hashes
from generator.output.build import BuildFailed
from generator.output.linkcheck import broken_links
from generator.output.pdf import PdfCache, print_pdfs
from generator.output.write import write_site
from generator.site.addresses import RenderOptions
from generator.site.pages import localise_theme, print_jobs, render_site

log = logging.getLogger(__name__)

SHIM = "assets/vendor/iframe-worker-shim.js"


@dataclass(frozen=True, slots=True)
class Kit:
    path: Path
    size: int
    files: int


def build_kit(project: pipeline.Project, out: Path | None = None, lang: str | None = None) -> Kit:
    """Check, render for files, build with the offline plugin, print the PDFs, zip. Raises BuildFailed.

    A kit holds one language (`lang`, default English): its labels, Material's interface,
    the translated pages where there are some, and printouts in that language.
    """
    lang = lang or i18n.default_language()
    pipeline.built_languages([lang])  # an unknown code is refused before any work
    checked = pipeline.check(project)
    if not checked.report.ok or checked.model is None:
        raise BuildFailed("the content has errors; run `make check`")
    model = checked.model_for(lang)
    assert model is not None
    out = out or project.root / "dist" / pipeline.kit_name(lang)
    work = Path(tempfile.mkdtemp(prefix="portal-kit-"))
    try:
        docs, site = work / "docs", work / "portal"
        pages = render_site(model, options=RenderOptions(pdf=True, plan_pdfs=True, kit=True, lang=lang, languages=(lang,),
                                                          site_url=site_url(project.mkdocs_yml),
                                                          markdown=str(project.mkdocs_yml.resolve())))
        write_site(itertools.chain(pages, pipeline.media_pages(checked)), docs)
        nav = i18n.translated_nav(project.mkdocs_yml, lang)
        config = load_config(
            str(project.mkdocs_yml), docs_dir=str(docs), site_dir=str(site), strict=True,
            use_directory_urls=False, plugins=["search", "offline"], extra={"polyfills": [SHIM]},
            **({"site_url": base} if (base := site_url(project.mkdocs_yml)) else {}),
            **({"nav": nav} if nav else {}),
        )
        config.theme["language"] = lang
        localise_theme(config.extra, config.theme.get("palette"), i18n.translations(lang).gettext)
        mkdocs_build(config)
        cache = PdfCache(project.cache / "pdf")
        print_pdfs(site, print_jobs(model, kit=True), cache)
        workshop.make_workshop_files(site, model, project.mkdocs_yml, cache)
        findings = audit_site(site, None, theme_script_hashes(config))
        if findings:
            raise BuildFailed(f"the audit of the kit found {len(findings)} thing(s) that could run a script: "
                              + "; ".join(f"{f.file}: {f.what}" for f in findings[:5]))
        broken = broken_links(site)
        if broken:
            raise BuildFailed(f"{len(broken)} internal link(s) in the kit lead nowhere: "
                              + "; ".join(f"{b.page} -> {b.target}" for b in broken[:10]))
        out.parent.mkdir(parents=True, exist_ok=True)
        staging = out.with_name(out.name + ".tmp")
        count = 0
        with zipfile.ZipFile(staging, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(site.rglob("*")):
                if path.is_file():
                    archive.write(path, Path("portal") / path.relative_to(site))
                    count += 1
        staging.replace(out)
        return Kit(out, out.stat().st_size, count)
    finally:
        shutil.rmtree(work, ignore_errors=True)
