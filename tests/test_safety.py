"""The quick body check (`plainly_safe`) never lets through what the full parse would refuse."""

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content import safety
from generator.content.yaml_nodes import all_text
from generator.types import SourceDoc

FIXTURE = Path(__file__).parent / "fixtures" / "mini"
PIECES = ["word ", "\n", "\n\n", "[", "]", "(", ")", "](", "]:", "![", "<", ">", "<b>", "<script>", "&#106;", "&amp;",
          "\\", "`", "```\n", "    ", "\"t\"", " ", "{: onclick=x}", "{.c}", "javascript:", "JaVa\tScRiPt:", "data:",
          "https://example.org/a_(b)", "http://x", "//evil", "/etc/passwd", "../../README.md", "bilbao-as-fabrik.md",
          "../guides/test-guide.md", "nowhere.md", "#part", "mailto:a@b", "%6Aavascript:", "?q=1", "..", "/"]


def _doc(body: str) -> SourceDoc:
    return SourceDoc(Path("content/cases/igualada-test.md"), "cases", {}, body, 10, {})


def _check_url(doc: SourceDoc):
    return lambda url: safety.url_problem(url) or safety.local_target_problem(url, doc, FIXTURE)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=25).map("".join))
def test_quick_check_never_passes_what_the_renderer_refuses(body):
    doc = _doc(body)
    if safety.plainly_safe(body, _check_url(doc)):
        assert safety.body_problems(doc, FIXTURE, quick=False) == []


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES + ["<img src=x onerror=y>", "<!--", "-->", "<div>\n\n", "</div>", "!!! note\n",
                                          "{: #x }", "## ", "_", "\\_", "&#106;"]), max_size=25).map("".join))
def test_any_body_the_check_accepts_publishes_html_that_passes_the_audit(body):
    """The one road: what the check accepts, the build publishes as the sanitiser's HTML, and it runs nothing."""
    from generator.output.audit import audit_document

    doc = _doc(body)
    if safety.body_problems(doc, FIXTURE):
        return
    published = safety.publish_body(body, lambda url: url)
    html = "".join(block for block in published if isinstance(block, str))
    assert list(audit_document(f"<html><body>{html}</body></html>", frozenset(), None)) == []
    assert all(safety.ID_RULE.match(block.id) for block in published if isinstance(block, safety.Heading))


def test_quick_check_passes_ordinary_links_and_declines_the_rest():
    doc = _doc("")
    check = _check_url(doc)
    assert safety.plainly_safe("See [AS-FABRIK](bilbao-as-fabrik.md) and [the report](https://example.org/r \"R\").", check)
    for body in ("[x](javascript:alert(1))", "[x](nowhere.md)", "[x](java&#115;cript:x)", "<b>x</b>",
                 "[x]: javascript:alert(1)", "text {: onclick=x }", "[x](<bilbao-as-fabrik.md>)", "## \\_\\_config",
                 "!!! md-x", "a | b", "```x"):
        assert not safety.plainly_safe(body, check), body


LINK_STEPS = ["..", ".", "", "cases", "guides", "content", "media", "bilbao-as-fabrik.md", "test-guide.md", "nowhere.md",
              "igualada-test.md", "README.md", "mini"]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(LINK_STEPS), min_size=1, max_size=6).map("/".join))
def test_content_index_accepts_only_what_the_disk_check_accepts(path):
    doc = _doc("")
    index = safety.ContentIndex.scan(FIXTURE)
    if index.has("content/cases", path):
        assert safety.local_target_problem(path, doc, FIXTURE) is None, path


def test_content_index_skips_symbolic_links(tmp_path):
    (tmp_path / "content" / "cases").mkdir(parents=True)
    (tmp_path / "content" / "cases" / "a.md").write_text("x")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.md").write_text("x")
    (tmp_path / "content" / "cases" / "link").symlink_to(tmp_path / "outside")
    (tmp_path / "content" / "cases" / "b.md").symlink_to(tmp_path / "outside" / "secret.md")
    index = safety.ContentIndex.scan(tmp_path)
    assert index.has("content/cases", "a.md") and index.has("content/cases", "../cases/./a.md")
    assert not index.has("content/cases", "b.md") and not index.has("content/cases", "link/secret.md")
    assert not index.has("content/cases", "../../outside/secret.md")


@settings(max_examples=800, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["java", "script", ":", "data", "file", "vb", "\t", " ", "\n", "\x01", "J",
                                          "A", "<", "b>", "x", "DATA"]), max_size=8).map("".join), max_size=4))
def test_front_matter_quick_check_never_passes_what_the_scan_refuses(values):
    doc = SourceDoc(Path("content/cases/x.md"), "cases", {"title": "t", "results": values}, "", 10, {})
    text = all_text(doc.front_matter)
    if safety.strings_plainly_safe(text) and not safety.CONTROL.search(text):
        assert safety._front_matter_scan(doc) == []
