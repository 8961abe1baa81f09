"""The whole pipeline in order: load -> validate -> model -> render -> write -> build.

Each stage returns its output plus diagnostics; this module only calls them in
order and decides, from the collected Report, whether to go on.
"""

from __future__ import annotations

import dataclasses
import datetime
import itertools
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from generator import config, i18n
from generator.content import translate
from generator.content.check import FileChecked, Job, check_files
from generator.content.load import FOLDERS, content_files, unread_files
from generator.content.media import MediaFile, load_media
from generator.content.references import reference_problems
from generator.content.schemas import SchemaSet, load_schemas
from generator.content.validate import content_type
from generator.derived import DerivedStore
from generator.diagnostics import Diagnostic, Report
from generator.meanwhile import Meanwhile, Turns, second_core
from generator.site.addresses import RenderOptions
from generator.site.memo import RenderMemo
from generator.site.model import SiteModel, build_model
from generator.types import Record, RenderedPage, SourceDoc, Translation

# The render and output stages (site.pages, output.*) are imported in the functions that use them, not here:
# with python-docx, pypdf, segno and MkDocs' build they took 0.4 s of CPU to import, which `check` (3 s for
# 1,000 practices, start-up included) never uses.

KIT_NAME = "portal-offline.zip"
"""The English offline kit in dist/; other languages' kits add their code (see kit_name)."""

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

    @property
    def cache(self) -> Path:
        """What a build keeps for the next (printouts, Word plans; CI may keep it between runs)."""
        return self.root / "build" / "cache"


@dataclass(frozen=True, slots=True)
class Checked:
    report: Report
    files: int
    model: SiteModel | None
    media: tuple[MediaFile, ...] = ()
    records: tuple[Record, ...] = ()
    translations: tuple[Translation, ...] = ()
    outdated: Mapping[tuple[str, str, str], str] = dataclasses.field(default_factory=dict)
    preview: bool = False

    def model_for(self, lang: str) -> SiteModel | None:
        """The model of one language: its translated pages in place of the originals."""
        if self.model is None or lang == i18n.default_language():
            return self.model
        applied = translate.apply_all(self.records, self.translations, lang)
        model = build_model(applied.records, self.model.vocabularies, preview=self.preview).model
        outdated = {cid: date for (code, _, cid), date in self.outdated.items() if code == lang}
        return dataclasses.replace(model, lang=lang, translated=frozenset(applied.translated), outdated=outdated,
                                   unreviewed=frozenset(applied.unreviewed), schemas=self.model.schemas)


@dataclass(slots=True)
class FileCache:
    """Each file's load-and-validate result, kept while the file and its neighbours are unchanged.

    `make serve` keeps one across regenerations, so editing one case re-reads one
    file. Any file added or removed, or any schema changed, clears it (a link
    check in one file depends on which other files exist).
    """

    fingerprint: tuple[object, ...] = ()
    entries: dict[tuple[Path, int, int], FileChecked] = dataclasses.field(
        default_factory=dict)
    schemas: tuple[tuple[object, ...], SchemaSet] | None = None
    """The schemas, with the time and size of their files: the same SchemaSet while they are unchanged, so that
    what is made from it alone (the contribution form's data, the data package) is kept by the render memo."""


def _schema_stamp(project: Project) -> tuple[tuple[str, int, int], ...]:
    """The schema files' names, times and sizes: what says the schemas changed."""
    return tuple((p.name, (info := p.stat()).st_mtime_ns, info.st_size) for p in sorted(project.schemas.glob("*.json")))


def _schemas(project: Project, cache: FileCache | None) -> SchemaSet:
    if cache is None:
        return load_schemas(project.schemas)
    stamp = _schema_stamp(project)
    if cache.schemas is None or cache.schemas[0] != stamp:
        cache.schemas, cache.entries = (stamp, load_schemas(project.schemas)), {}  # every file is checked again
    return cache.schemas[1]


def _load_and_validate(project: Project, schemas: SchemaSet, cache: FileCache | None
                       ) -> tuple[int, list[Diagnostic], list[Record], dict[str, frozenset[str]], list[SourceDoc]]:
    """Every file's problems, the records of the valid ones, the ids whose files exist (valid or not), and the
    translations that failed validation.

    A file that failed validation still has its references checked, against
    the files that exist (and a translation against its original, see `check`),
    so one run shows its author every problem in it.
    """
    files = content_files(project.content)
    results = _checked(files, project, schemas) if cache is None else _checked_with(cache, files, project, schemas)
    existing = {folder: frozenset(path.stem for f, path in files if f == folder) for folder in FOLDERS}
    problems: list[Diagnostic] = []
    records: list[Record] = []
    failed: list[SourceDoc] = []
    for result in results:
        problems.extend(result.problems)
        if result.record is not None:
            records.append(result.record)
        elif result.doc is not None and (kind := content_type(result.doc)) is not None:
            problems.extend(reference_problems(result.doc, kind, existing))
            if kind == "translation":
                failed.append(result.doc)
    return len(files), problems, records, existing, failed


def _checked(files: list[tuple[str, Path]], project: Project, schemas: SchemaSet, workers: int | None = None
             ) -> list[FileChecked]:
    """Each file's problems and record, in the order of `files` (`workers`: see check_files)."""
    return check_files([Job(folder, path) for folder, path in files], schemas, project.root, workers)


def _checked_with(cache: FileCache, files: list[tuple[str, Path]], project: Project, schemas: SchemaSet
                  ) -> list[FileChecked]:
    """As `_checked`, taking from `cache` what is still true and keeping the rest there."""
    fingerprint = tuple(str(p) for _, p in files)  # (a change to the schemas cleared the cache: `_schemas`)
    if cache.fingerprint != fingerprint:
        cache.fingerprint, cache.entries = fingerprint, {}
    previous, cache.entries = cache.entries, {}
    keys = []
    for _, path in files:
        stat = path.lstat()
        keys.append((path, stat.st_mtime_ns, stat.st_size))
    changed = [file for file, key in zip(files, keys) if key not in previous]
    fresh = iter(_checked(changed, project, schemas, workers=1))  # mostly one file: not worth another process
    for key in keys:
        cache.entries[key] = previous[key] if key in previous else next(fresh)
    return list(cache.entries.values())


def check(project: Project, preview: bool = False, cache: FileCache | None = None) -> Checked:
    """Load, validate and model the content; write nothing."""
    report = Report()
    schemas = _schemas(project, cache)
    count, problems, valid, existing, failed = _load_and_validate(project, schemas, cache)
    report.extend(problems)
    report.extend(unread_files(project.content, project.root))
    media, media_problems = load_media(project.content, project.root)
    report.extend(media_problems)
    records = tuple(r for r in valid if not isinstance(r, Translation))
    translations = tuple(r for r in valid if isinstance(r, Translation))
    modelled = build_model(records, schemas.vocabularies, preview=preview, existing=existing)
    report.extend(modelled.diagnostics)
    checked_translations = translate.check_translations(translations, records, project.root, existing)
    report.extend(checked_translations.diagnostics)
    said = {(d.path, d.line, d.field) for d in problems}  # one mistake, one message: the schema's comes first
    report.extend(d for d in translate.check_failed(failed, records) if (d.path, d.line, d.field) not in said)
    model = dataclasses.replace(modelled.model, schemas=schemas)
    return Checked(report, count, model, media, records, translations, checked_translations.outdated, preview)


@dataclass(frozen=True, slots=True)
class Generated:
    checked: Checked
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


def media_pages(checked: Checked) -> list[RenderedPage]:
    """content/media/ files, copied into the site as they are."""
    return [RenderedPage(m.path, m.data) for m in checked.media]


def source_pages(project: Project, checked: Checked, memo: RenderMemo | None = None) -> list[RenderedPage]:
    """The Markdown file of each published case, network and guide, as it is in the repository, so that the
    contribution form can open it from the page ('.txt': MkDocs copies it rather than building a page).
    `memo` (make serve's) gives back a file unchanged since last time (same time and size) without reading it."""
    from generator.site.pages import SOURCES

    model = checked.model
    if model is None:
        return []
    memo = memo or RenderMemo()
    pages = []
    for record in (*model.cases, *model.networks, *model.guides):
        path, file = f"{SOURCES}/{record.doc.folder}/{record.id}.md.txt", project.root / record.doc.path
        stat = file.stat()
        pages.append(memo.page(path, (stat.st_mtime_ns, stat.st_size),
                               lambda path=path, file=file: RenderedPage(path, file.read_bytes()), keep=False))
    return pages


def kit_name(lang: str) -> str:
    """portal-offline.zip for the default language, portal-offline-es.zip for Spanish, ..."""
    return KIT_NAME if lang == i18n.default_language() else KIT_NAME.replace(".zip", f"-{lang}.zip")


def kit_downloads(project: Project, languages: Sequence[str]
                  ) -> tuple[list[RenderedPage], dict[str, tuple[str, int, str]]]:
    """The offline kits built by `make kit` (dist/), copied to downloads/ of the default language's site,
    and which one each language's home page offers (its own, else the default language's), with size and date."""
    pages, built = [], {}
    for lang in languages:
        kit = project.root / "dist" / kit_name(lang)
        if kit.is_file():
            date = datetime.date.fromtimestamp(kit.stat().st_mtime).isoformat()
            pages.append(RenderedPage(f"downloads/{kit.name}", kit.read_bytes()))
            built[lang] = (f"downloads/{kit.name}", kit.stat().st_size, date)
    default = built.get(i18n.default_language())
    offered = {lang: built.get(lang, default) for lang in languages}
    return pages, {lang: kit for lang, kit in offered.items() if kit is not None}


def docs_for(project: Project, lang: str) -> Path:
    """The generated Markdown of one language (the default language in build/docs)."""
    return project.docs if lang == i18n.default_language() else project.root / "build" / f"docs-{lang}"


def built_languages(languages: Sequence[str] | None = None) -> tuple[str, ...]:
    every = tuple(language.code for language in i18n.languages())
    if not languages:
        return every
    unknown = [code for code in languages if code not in every]
    if unknown:
        raise ValueError(f"unknown language(s): {', '.join(unknown)}; known: {', '.join(every)}")
    return tuple(code for code in every if code in languages or code == every[0])


def case_languages(translations: Sequence[Translation]) -> dict[str, frozenset[str]]:
    """Case id -> the languages it is translated into (see addresses.has_page)."""
    found: dict[str, set[str]] = {}
    for t in translations:
        if t.folder == "cases":
            found.setdefault(t.translation_of, set()).add(t.lang)
    return {case_id: frozenset(codes) for case_id, codes in found.items()}


def generate(project: Project, preview: bool = False, options: RenderOptions = RenderOptions(),
             cache: FileCache | None = None, memos: dict[str, RenderMemo] | None = None) -> Generated:
    """Check, then render and write the Markdown pages of every language (only when the content is valid).

    `cache` and `memos` (one per language), kept by `make serve` from one run to the next, give back what an
    edit did not change: each file's check, each practice's pages."""
    from generator.output.write import write_site
    from generator.site.pages import plan_docx_makers, render_site

    checked = check(project, preview=preview, cache=cache)
    if not checked.report.ok or checked.model is None:
        return Generated(checked)
    codes = options.languages or (i18n.default_language(),)
    kits, offered = kit_downloads(project, codes) if not options.kit else ([], {})
    options = dataclasses.replace(options, case_languages=case_languages(checked.translations),
                                  cache=options.cache or str(project.cache))
    repo_url, edit_uri = config.repository(project.mkdocs_yml)
    pages_kept = DerivedStore(Path(options.cache) / "pages")  # for the next build (memo.py)

    def language_options(lang: str) -> RenderOptions:
        return dataclasses.replace(options, lang=lang, kit_download=offered.get(lang), repo_url=repo_url,
                                   edit_uri=edit_uri, markdown=_markdown_settings(project))

    def write_language(lang: str) -> tuple[list[str], list[str]]:
        """Render and write one language's pages; the pages written and removed."""
        memo = memos.setdefault(lang, RenderMemo()) if memos is not None else RenderMemo(store=pages_kept)
        extra = media_pages(checked) + source_pages(project, checked, memo) + kits if lang == i18n.default_language() else []
        model = checked.model_for(lang)
        assert model is not None
        written = write_site(itertools.chain(render_site(model, options=language_options(lang), memo=memo), extra),
                             docs_for(project, lang), at_once=memos is not None,
                             known=memo.written if memos is not None else None)
        return [f"{lang}:{p}" for p in written.changed], [f"{lang}:{p}" for p in written.removed]

    others = codes[1:]

    def second_half() -> list[tuple[list[str], list[str]]]:
        """The default language's Word plans, last first (the first process takes them from build/cache/docx
        when it comes to them), then the other languages, first first, until the first process takes the rest."""
        for make in reversed(plan_docx_makers(checked.model, language_options(codes[0])).values()):
            make()
        return [write_language(others[turn]) for turn in iter(turns.front, None)]

    if memos is None and others and second_core():
        # Both cores: at 1,000 practices the default language took 64 s (25 s of them Word plans) and the
        # other eight 16 s, one after another (make bench); side by side, about 40 s each. After one edit
        # (pages kept in build/cache) the default language takes 6 s and the others 10 s: this process then
        # takes, last first, the languages the other has not started.
        turns = Turns(len(others))
        with Meanwhile(second_half) as meanwhile:
            results = [write_language(codes[0])]
            results += [write_language(others[turn]) for turn in iter(turns.back, None)]
            results += meanwhile.result()
    else:  # make serve keeps its memos in this process
        results = [write_language(lang) for lang in codes]
    changed = [path for written, _ in results for path in written]
    removed = [path for _, gone in results for path in gone]
    log.info("generated %d languages (%d pages changed, %d removed)", len(options.languages or (1,)),
             len(changed), len(removed))
    return Generated(checked, tuple(changed), tuple(removed))


def build(project: Project, preview: bool = False, site: Path | None = None, pdf: bool | None = None,
          languages: Sequence[str] | None = None, reuse: bool = True) -> Generated:
    """Generate, then `mkdocs build --strict` into `site` (atomically), then print the PDFs.

    `pdf=None` prints them when a system Chromium is found and says so when not. `reuse=False` builds
    every page again rather than only those that changed since the last build (see output/build.py).
    """
    from generator.output.browser import find_chromium
    from generator.output.build import BuildFailed, build_site
    from generator.output.linkcheck import broken_links
    from generator.output.pdf import PdfCache, print_pdfs
    from generator.output.search import Indexing, SearchIndexFailed
    from generator.output.workshop import CARDS, PACK, make_workshop_files
    from generator.site.pages import print_jobs

    if pdf is None:
        pdf = find_chromium() is not None
        if not pdf:
            log.warning("Chromium not found: building without the PDFs of checklists and plans "
                        "(Debian: apt-get install chromium)")
    codes = built_languages(languages)
    generated = generate(project, preview=preview,
                         options=RenderOptions(pdf=pdf, languages=codes, site_url=config.site_url(project.mkdocs_yml)))
    model = generated.checked.model
    if generated.checked.report.ok and model is not None:
        jobs = print_jobs(model) if pdf else []

        def finish(staging: Path) -> None:
            indexing = Indexing(staging, [f"cases/{case.id}/index.html" for case in model.cases],
                                languages=len(codes) > 1)  # the search index, while the PDFs print
            try:
                cache = PdfCache(project.cache / "pdf") if pdf else None
                print_pdfs(staging, jobs, cache)
                printed = [job.pdf for job in jobs]
                if pdf:
                    make_workshop_files(staging, model, project.mkdocs_yml, cache)
                    printed += [PACK, CARDS]
                unprinted = [name for name in printed if not _is_pdf(staging / name)]
                if unprinted:
                    raise BuildFailed(f"{len(unprinted)} PDF(s) were not written whole, e.g. {unprinted[0]}")
                # the links too, while Pagefind still runs (2.5 s of a rebuild at 1,000 practices): no page links
                # into its bundles (the search script loads them), so a link there would be reported broken
                mount = urlsplit(config.site_url(project.mkdocs_yml) or "/").path or "/"
                broken = broken_links(staging, project.cache / "links.json", mount if mount.endswith("/") else mount + "/")
                if broken:
                    listed = "; ".join(f"{b.page} -> {b.target}" for b in broken[:10])
                    raise BuildFailed(f"{len(broken)} internal link(s) lead nowhere: {listed}")
            except BaseException:
                indexing.stop()
                raise
            try:
                indexing.wait()
            except SearchIndexFailed as exc:
                raise BuildFailed(str(exc)) from exc

        build_site(project.mkdocs_yml, project.docs, site or project.site, finish=finish,
                   site_url=config.site_url(project.mkdocs_yml) or None, reuse=reuse, cache=project.cache,
                   languages=[(code, docs_for(project, code), i18n.translated_nav(project.mkdocs_yml, code))
                              for code in codes[1:]])
    return generated


def _markdown_settings(project: Project) -> str:
    """The mkdocs.yml whose Markdown settings the check and the pages render bodies with."""
    return str(project.mkdocs_yml.resolve()) if project.mkdocs_yml.is_file() else ""


def _is_pdf(path: Path) -> bool:
    """A whole PDF: it starts with its header and ends with its end-of-file marker."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(5)
            handle.seek(max(0, path.stat().st_size - 1024))
            return head == b"%PDF-" and b"%%EOF" in handle.read()
    except OSError:
        return False
