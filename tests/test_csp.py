"""The Content-Security-Policy stops what slips past every check: payloads written straight into a generated
page, with the audit turned off, run nothing in Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest

import generator.output.build
import generator.output.linkcheck
from generator import pipeline
from generator.content import safety
from generator.output.audit import audit_document, policy
from tests import payloads
from tests.browser_support import browser, require_chromium, serve

SCRIPTED = ("event-handler", "inline-script", "svg-handler", "javascript-link")
"""The slipped-in payloads that would run a script."""


@pytest.mark.build
@pytest.mark.browser
def test_the_policy_blocks_payloads_slipped_into_a_page(mini_project, monkeypatch):
    require_chromium()
    real = generator.output.build.mkdocs_build
    slipped = "\n\n".join([*(payloads.SLIPPED_IN[name] for name in SCRIPTED),
                           *(safety.render_markdown(payloads.BODIES[name]) for name in
                             ("comment-opened-and-closed", "html-indented-in-div", "markdown-in-html"))])

    def behind_the_checks(config):
        page = Path(config.docs_dir) / "cases" / "igualada-test.md"
        if page.exists():
            page.write_text(page.read_text(encoding="utf-8") + "\n\n" + slipped.replace("javascript:alert",
                            'javascript:alert" id="slipped-link') + "\n", encoding="utf-8")
        real(config)

    monkeypatch.setattr(generator.output.build, "mkdocs_build", behind_the_checks)
    monkeypatch.setattr(generator.output.build, "audit_site", lambda site, csp, **_: [])
    monkeypatch.setattr(generator.output.linkcheck, "broken_links", lambda site, *_: [])
    pipeline.build(pipeline.Project(mini_project), pdf=False, languages=["en"])
    html = (mini_project / "site" / "cases" / "igualada-test" / "index.html").read_text(encoding="utf-8")
    assert "onerror=alert" in html and "<script>alert(document.domain)</script>" in html  # really there

    with serve(mini_project / "site") as url, browser() as chromium:
        context = chromium.new_context()
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.add_init_script("window.__violations = [];"
                             "document.addEventListener('securitypolicyviolation', e => window.__violations.push("
                             "[e.violatedDirective, e.sample || e.blockedURI]));")
        page.goto(url + "cases/igualada-test/")
        page.wait_for_load_state("load")
        page.wait_for_timeout(300)
        page.click("a[href^='javascript:']", no_wait_after=True)
        page.wait_for_timeout(300)
        violations = page.evaluate("window.__violations")
        search_works = page.evaluate("typeof window.__md_get === 'function'")  # the theme's own inline script ran
        context.close()
    assert dialogs == []
    directives = {directive.split(" ")[0] for directive, _ in violations}
    assert directives <= {"script-src-attr", "script-src-elem", "script-src"} and len(violations) >= 5, violations
    assert search_works


def test_the_policy_allows_no_inline_script_but_the_hashed_ones():
    text = policy(["'sha256-abc='"])
    script_src = next(part for part in text.split("; ") if part.startswith("script-src "))
    assert script_src == "script-src 'self' 'wasm-unsafe-eval' 'sha256-abc='"
    assert "unsafe-inline" not in script_src and "unsafe-eval'" not in script_src.replace("wasm-unsafe-eval", "")
    assert "object-src 'none'" in text and "base-uri 'none'" in text


def test_the_audit_accepts_the_theme_scripts_it_hashes_and_nothing_else():
    from generator.output.audit import script_hash

    allowed = frozenset({script_hash("var a=1")})
    page = ("<!doctype html><html><head><meta http-equiv=\"Content-Security-Policy\" content=\"P\">"
            "<script>var a=1</script><script src=\"assets/x.js\"></script>"
            "<script id=\"__config\" type=\"application/json\">{}</script></head><body></body></html>")
    assert list(audit_document(page, allowed, "P")) == []
    assert list(audit_document(page.replace("var a=1", "var a=2"), allowed, "P"))
    assert list(audit_document(page, allowed, "Q"))  # another policy
    assert list(audit_document(page.replace("assets/x.js", "https://cdn.example/x.js"), allowed, "P"))


def test_the_audit_parses_again_only_what_changed_and_never_keeps_a_finding(tmp_path, monkeypatch):
    import generator.output.audit as audit

    csp = policy([])
    page = f'<html><head><meta http-equiv="Content-Security-Policy" content="{csp}"></head><body><p>x</p></body></html>'
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "a.html").write_text(page)
    (tmp_path / "site" / "b.html").write_text(page.replace("<p>x</p>", "<p>y</p>"))
    clean = tmp_path / "audit-clean.txt"
    assert audit.audit_site(tmp_path / "site", csp, passed=clean) == []
    parsed = []
    real = audit.audit_document
    monkeypatch.setattr(audit, "audit_document", lambda text, *a: parsed.append(text) or real(text, *a))
    (tmp_path / "site" / "b.html").write_text(page.replace("<p>x</p>", '<img src=x onerror="alert(1)">'))
    findings = audit.audit_site(tmp_path / "site", csp, passed=clean)
    assert [f.file for f in findings] == ["b.html"] and len(parsed) == 1  # a.html came from the list
    assert audit.audit_site(tmp_path / "site", csp, passed=clean) != []  # a finding is never listed as clean
