"""Command line: `python -m generator <command>` (also installed as `portal`).

Exit codes: 0 clean, 1 content errors (or a failed build), 2 usage or environment errors.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from generator import config, i18n, pipeline
from generator.content.load import content_files
from generator.diagnostics import FORMATTERS, Report, format_text


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator", description="Good Practice Transfer Portal generator.")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (default: the current one)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="validate all content; write nothing")
    check.add_argument("--format", choices=sorted(FORMATTERS), default="text", help="output format (default: text)")
    check.add_argument("--preview", action="store_true", help="check as a preview build would (drafts included)")
    check.add_argument("paths", nargs="*", type=Path,
                       help="report only on these files (all content is still loaded, to check references)")

    build = commands.add_parser("build", help="validate, generate the pages and build the site into site/")
    build.add_argument("--preview", action="store_true", help="include drafts and pages under review")
    build.add_argument("--site-dir", type=Path, default=None, help="where to build (default: site/)")
    build.add_argument("--no-pdf", dest="pdf", action="store_false", default=None,
                       help="skip printing checklists and plans to PDF (they need Chromium)")
    build.add_argument("--languages", type=lambda text: [c.strip() for c in text.split(",") if c.strip()],
                       default=None, help="build only these languages, e.g. en,es (default: all of them)")
    build.add_argument("--clean", action="store_true",
                       help="build every page again (by default only what changed since the last build)")

    serve = commands.add_parser("serve", help="build, then serve on localhost and rebuild when content changes")
    serve.add_argument("--preview", action="store_true", help="include drafts and pages under review")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on (default: 127.0.0.1:8000)")
    kit = commands.add_parser("kit", help="build dist/portal-offline.zip (the portal offline, with the workshop "
                                           "PDFs), then the site again so its home page offers the kit")
    kit.add_argument("--languages", type=lambda text: [c.strip() for c in text.split(",") if c.strip()],
                     default=None, help="one kit per language, e.g. en,es (dist/portal-offline-es.zip); "
                                        "default: English only")

    match = commands.add_parser("match", help="rank the practices for a place (as the 'fit my city' page does)")
    match.add_argument("--country", help="ISO code of your country, e.g. ES")
    match.add_argument("--size", help="size of your city or region: small, medium or large")
    match.add_argument("--sector", action="append", default=[], help="a sector present (repeat for several)")
    match.add_argument("--theme", action="append", default=[], help="a challenge you face (repeat for several)")
    match.add_argument("--body", help="the kind of body that would run the practice, e.g. city, cluster")
    match.add_argument("--format", choices=["text", "json"], default="text")

    i18n_cmd = commands.add_parser("i18n", help="extract the interface labels into every language's catalog "
                                                "(generator/locales/) and report how many each translates")
    i18n_cmd.add_argument("--check", action="store_true", help="report only; write nothing")

    fieldref = commands.add_parser("fieldref", help="print the field reference generated from the schemas")
    fieldref.add_argument("--write", action="store_true", help="update the field reference in CONTRIBUTING.md "
                                                               "and the issue form in .github/ISSUE_TEMPLATE/")

    imported = commands.add_parser("import-issue", help="turn the body of a 'Propose a good practice' issue (as "
                                                        "GitHub renders the issue form) into a case file, and check it")
    imported.add_argument("file", type=Path, help="the issue's body, as text (- reads it from standard input); "
                                                  "the case is written to content/cases/<id>.md, never over a file")

    new = commands.add_parser("new", help="start a new content file from a commented skeleton")
    new_kinds = new.add_subparsers(dest="kind", required=True, metavar="KIND")
    case = new_kinds.add_parser("case", help="a new good practice in content/cases/")
    case.add_argument("--title", help="the practice's name (asked for when missing)")
    case.add_argument("--city", help="the city (asked for when missing)")
    case.add_argument("--country", help="ISO 3166-1 alpha-2 code, e.g. ES (asked for when missing)")
    case.add_argument("--id", dest="slug", help="the id (default: made from the title)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    project = pipeline.Project(args.root.resolve())
    try:
        if args.command == "check":
            return _check(project, args.format, args.preview, args.paths)
        if args.command == "build":
            return _build(project, args.preview, args.site_dir, args.pdf, args.languages, not args.clean)
        if args.command == "serve":
            from generator.output.serve import serve

            return serve(project, args.preview, args.dev_addr)
        if args.command == "kit":
            return _kit(project, args.languages)
        if args.command == "match":
            return _match(project, args)
        if args.command == "i18n":
            return _i18n(args.check)
        if args.command == "fieldref":
            return _fieldref(project, args.write)
        if args.command == "import-issue":
            return _import_issue(project, args.file)
        if args.command == "new":
            return _new_case(project, args)
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 2


def _check(project: pipeline.Project, fmt: str, preview: bool, paths: list[Path] | None = None) -> int:
    wanted: set[Path] | None = None
    if paths:
        wanted, refused = _selected(project, paths)
        if refused:
            for problem in refused:
                print(f"error: {problem}", file=sys.stderr)
            return 2
    checked = pipeline.check(project, preview=preview)
    report, files = checked.report, checked.files
    if wanted is not None:  # checked in the context of the whole tree, reported for these files only
        report = Report([d for d in report.diagnostics if d.path in wanted])
        files = len(wanted)
    print(FORMATTERS[fmt](report, files))
    return 0 if report.ok else 1


def _selected(project: pipeline.Project, paths: list[Path]) -> tuple[set[Path], list[str]]:
    """The content files named by `paths` (files, or folders holding them), as diagnostics show them,
    and why each path that names none is refused."""
    content = [path.resolve() for _, path in content_files(project.content)]
    wanted: set[Path] = set()
    refused: list[str] = []
    for given in paths:
        full = (Path.cwd() / given).resolve()
        if not full.exists():
            refused.append(f"{given}: no such file or folder")
        elif not full.is_relative_to(project.content.resolve()):
            refused.append(f"{given}: not in the content folder ({project.content}); "
                           "only files under content/ are checked")
        elif full.is_dir():
            found = {path for path in content if path.is_relative_to(full)}
            if not found:
                refused.append(f"{given}: this folder holds no content files (Markdown files in "
                               "content/cases/, content/guides/, content/networks/ or content/translations/)")
            wanted |= {path.relative_to(project.root) for path in found}
        elif full not in content:
            refused.append(f"{given}: not a content file (a .md file in content/cases/, content/guides/, "
                           "content/networks/ or content/translations/<language>/<folder>/)")
        else:
            wanted.add(full.relative_to(project.root))
    return wanted, refused


def _shown(project: pipeline.Project, path: Path) -> Path:
    """A path as messages show it: relative to the project root when it is inside."""
    full = (Path.cwd() / path).resolve()
    return full.relative_to(project.root) if full.is_relative_to(project.root) else path


def _fieldref(project: pipeline.Project, write: bool) -> int:
    from generator.authoring.fieldref import field_reference, update_document
    from generator.content.schemas import load_schemas

    schemas = load_schemas(project.schemas)
    if not write:
        print(field_reference(schemas), end="")
        return 0
    changed = update_document(project.root / "CONTRIBUTING.md", schemas)
    print("CONTRIBUTING.md updated" if changed else "CONTRIBUTING.md already up to date")
    from generator.authoring.issueform import TEMPLATE, issue_form

    form, path = issue_form(schemas), project.root / TEMPLATE
    if not path.exists() or path.read_text(encoding="utf-8") != form:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(form, encoding="utf-8")
        print(f"{TEMPLATE} updated")
    else:
        print(f"{TEMPLATE} already up to date")
    return 0


def _import_issue(project: pipeline.Project, file: Path) -> int:
    """Write the case an issue proposes into content/cases/, then check it as `check <file>` does."""
    from generator.authoring.casefile import content_file
    from generator.authoring.issueform import case_from_issue
    from generator.content.schemas import load_schemas

    body = sys.stdin.read() if str(file) == "-" else file.read_text(encoding="utf-8")
    schemas = load_schemas(project.schemas)
    imported = case_from_issue(body, schemas)
    if imported.missing:
        print("warning: the issue lacks the questions " + ", ".join(f"'{m}'" for m in imported.missing)
              + " of the form; were they renamed?", file=sys.stderr)
    case_id = imported.front_matter.get("id")
    if not isinstance(case_id, str) or not case_id:
        print("error: the issue gives no title to make the practice's id from", file=sys.stderr)
        return 1
    target = project.content / "cases" / f"{case_id}.md"
    text = content_file(imported.front_matter, imported.body, schemas.bundled("case.schema.json"))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8") as handle:  # never overwrite a page
            handle.write(text)
    except FileExistsError:
        print(f"error: {_shown(project, target)} already exists; give the practice another id", file=sys.stderr)
        return 1
    print(f"wrote {_shown(project, target)}")
    return _check(project, "text", False, [target])


def _build(project: pipeline.Project, preview: bool, site_dir: Path | None, pdf: bool | None = None,
           languages: list[str] | None = None, reuse: bool = True) -> int:
    # imported here, not at the top: `check` needs none of the output stage
    from generator.output.build import BuildFailed

    try:
        generated = pipeline.build(project, preview=preview, site=site_dir, pdf=pdf, languages=languages, reuse=reuse)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BuildFailed as exc:
        print(f"error: the site was not built ({exc}); the previous site/ is unchanged", file=sys.stderr)
        return 1
    except OSError as exc:  # writing build/docs: a full disk, a folder that cannot be written
        print(f"error: the site was not built (could not write {exc.filename or 'a file'}: {exc.strerror or exc}); "
              "the previous site/ is unchanged", file=sys.stderr)
        return 1
    report = generated.checked.report
    if report.diagnostics or not report.ok:
        print(format_text(report, generated.checked.files), file=sys.stderr)
    if not report.ok:
        print("error: the site was not built; the previous site/ is unchanged", file=sys.stderr)
        return 1
    print(f"built {site_dir or project.site}")
    address = config.site_url(project.mkdocs_yml)
    if config.is_placeholder(address):
        print(f"warning: site_url is {address or 'not set'}, not a real address: the canonical links, the sitemap, "
              f"the Word plans' page addresses and the practice cards' QR codes point there. {config.HOW_TO_SET}",
              file=sys.stderr)
    return 0


def _new_case(project: pipeline.Project, args: argparse.Namespace) -> int:
    from generator.authoring.scaffold import ScaffoldError, ask_missing, new_case

    try:
        values = ask_missing({"title": args.title, "city": args.city, "country": args.country})
        path = new_case(project.content, values["title"], values["city"], values["country"], args.slug)
    except ScaffoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    shown = path.relative_to(project.root) if path.is_relative_to(project.root) else path
    print(f"wrote {shown}: replace every FILL IN, then run `make check`")
    return 0


def _match(project: pipeline.Project, args: argparse.Namespace) -> int:
    import json

    from generator.site.matching import Profile, profile_problems, rank

    checked = pipeline.check(project)
    if checked.model is None or not checked.report.ok:
        print(format_text(checked.report, checked.files), file=sys.stderr)
        return 1
    country = args.country.upper() if args.country and len(args.country) == 2 else args.country
    profile = Profile(country=country, size=args.size,
                      sectors=tuple(args.sector), themes=tuple(args.theme), body=args.body)
    problems = profile_problems(profile, checked.model)
    if problems:
        for problem in problems:
            print(f"error: {problem}", file=sys.stderr)
        return 2
    matches = rank(checked.model, profile)
    if args.format == "json":
        print(json.dumps([{"id": m.id, "url": m.url, "score": m.score, "reasons": list(m.reasons)} for m in matches],
                         ensure_ascii=False, indent=1))
    else:
        for number, m in enumerate(matches, 1):
            print(f"{number:>3}. {m.title} [{m.score}]  {m.url}")
            for reason in m.reasons:
                print(f"       - {reason}")
    return 0


def _kit(project: pipeline.Project, languages: list[str] | None) -> int:
    from generator.output.build import BuildFailed
    from generator.output.kit import build_kit

    codes = languages or [i18n.default_language()]
    address = config.site_url(project.mkdocs_yml)
    if config.is_placeholder(address):
        print(f"error: the practice cards' QR codes would lead to {address or 'no address'}, which is not the "
              f"portal's public address. {config.HOW_TO_SET}", file=sys.stderr)
        return 2
    try:
        pipeline.built_languages(codes)  # an unknown code stops here, before any kit is built
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for code in codes:
        try:
            kit = build_kit(project, lang=code)
        except BuildFailed as exc:
            print(f"error: the {code} kit was not built ({exc})", file=sys.stderr)
            return 1
        print(f"built {kit.path.relative_to(project.root)}: {kit.size / 1e6:.1f} MB, {kit.files} files")
    return _build(project, preview=False, site_dir=None)


def _i18n(check_only: bool) -> int:
    from generator.catalogs import update_catalogs

    for progress in update_catalogs(write=not check_only):
        share = progress.translated / progress.total if progress.total else 1.0
        print(f"{progress.code}: {progress.translated} of {progress.total} labels translated ({share:.0%})")
        for label in progress.missing:
            print(f"  untranslated: {label}")
    return 0
