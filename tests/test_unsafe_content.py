"""Unsafe HTML and links in contributed content are refused with file, line and a fix."""

import pytest

from generator.content.safety import html_problems, url_problem
from tests.conftest import case_text
from tests.hostile import PNG, bad_project, body_case, check_refused

BODY_START = 22  # line of the first body line in case_text() + a body


@pytest.mark.parametrize("html,message", [
    ("<script>alert(1)</script>", "the HTML tag <script> is not allowed"),
    ('<iframe src="https://example.org"></iframe>', "the HTML tag <iframe> is not allowed"),
    ('<object data="x.swf"></object>', "the HTML tag <object> is not allowed"),
    ('<embed src="x.swf">', "the HTML tag <embed> is not allowed"),
    ('<form action="https://example.org"><input></form>', "the HTML tag <form> is not allowed"),
    ("<style>body{display:none}</style>", "the HTML tag <style> is not allowed"),
    ('<p onclick="alert(1)">hi</p>', "the attribute onclick= on <p> is not allowed (it runs a script)"),
    ('<img src="x.png" onerror="alert(1)">', "the attribute onerror= on <img> is not allowed (it runs a script)"),
    ('<span style="color:red">x</span>', "the attribute style= on <span> is not allowed"),
    ('<a href="javascript:alert(1)">x</a>', "the link 'javascript:alert(1)' uses javascript:, which is not allowed"),
])
def test_raw_html_in_a_body_is_refused(tmp_path, capsys, html, message):
    root = bad_project(tmp_path, body_case(f"\nSome text.\n\n{html}\n"))
    lines = check_refused(root, capsys)
    assert f"content/cases/valid-case.md:{BODY_START + 2}: body: {message}" in lines


@pytest.mark.parametrize("link,message", [
    ("[x](javascript:alert(1))", "the link 'javascript:alert(1)' uses javascript:, which is not allowed"),
    ("[x]( JaVaScRiPt:alert(1))", "uses javascript:, which is not allowed"),
    ("[x](java\tscript:alert(1))", "uses javascript:, which is not allowed"),
    ("![x](data:image/svg+xml;base64,PHN2Zz4=)", "uses data:, which is not allowed"),
    ("[x](vbscript:msgbox(1))", "uses vbscript:, which is not allowed"),
    ("[x](file:///etc/passwd)", "uses file:, which is not allowed"),
    ("[x](/etc/passwd)", "the link '/etc/passwd' is an absolute path, outside the portal"),
    ("![x](../../../etc/passwd)", "the link '../../../etc/passwd' points outside content/"),
    ("[x](../../README.md)", "the link '../../README.md' points outside content/"),
    ("[x](../cases/nowhere.md)", "the link '../cases/nowhere.md' points to a file that does not exist"),
    ("<javascript:alert(1)>", "the HTML tag <javascript:alert(1)> is not allowed"),
])
def test_unsafe_links_and_images_are_refused(tmp_path, capsys, link, message):
    root = bad_project(tmp_path, body_case(f"\n{link}\n"))
    lines = check_refused(root, capsys)
    assert any(line.startswith(f"content/cases/valid-case.md:{BODY_START}: body: ") and message in line
               for line in lines), lines


def test_a_reference_definition_is_checked_where_it_is(tmp_path, capsys):
    root = bad_project(tmp_path, body_case("\n[x][ref]\n\n[ref]: javascript:alert(1)\n"))
    lines = check_refused(root, capsys)
    assert f"content/cases/valid-case.md:{BODY_START + 2}: body: the link 'javascript:alert(1)' uses javascript:, " \
           "which is not allowed" in lines


def test_attribute_lists_may_not_add_event_handlers(tmp_path, capsys):
    root = bad_project(tmp_path, body_case('\nA paragraph.\n{: onclick="alert(1)" }\n'))
    lines = check_refused(root, capsys)
    assert f"content/cases/valid-case.md:{BODY_START + 1}: body: the attribute onclick= on <p> is not allowed " \
           "(it runs a script)" in lines


def test_unsafe_html_in_front_matter_strings_is_refused(tmp_path, capsys):
    text = case_text(**{"title: A valid practice": 'title: "Nice <script>alert(1)</script> city"',
                        "city: Tartu": 'city: "<img src=x onerror=alert(1)>"'})
    lines = check_refused(bad_project(tmp_path, text), capsys)
    assert "content/cases/valid-case.md:3: title: the HTML tag <script> is not allowed" in lines
    assert "content/cases/valid-case.md:9: place.city: the attribute onerror= on <img> is not allowed (it runs a script)" in lines


def test_symlinked_content_file_is_refused(tmp_path, capsys):
    root = bad_project(tmp_path, case_text())
    outside = tmp_path / "secret.md"
    outside.write_text(case_text("secret"))
    (root / "content" / "cases" / "secret.md").symlink_to(outside)
    lines = check_refused(root, capsys)
    assert "content/cases/secret.md:1: content files may not be symbolic links" in lines


def test_symlinked_media_leaving_the_repo_is_refused(tmp_path, capsys):
    root = bad_project(tmp_path, case_text())
    (root / "content" / "media").mkdir()
    (root / "content" / "media" / "passwd.txt").symlink_to("/etc/passwd")
    lines = check_refused(root, capsys)
    assert "content/media/passwd.txt: media files may not be symbolic links" in lines


def test_safe_content_passes_and_media_is_published(tmp_path, capsys):
    from generator.cli import main

    root = bad_project(tmp_path, body_case(
        "\n## Story\n\nSee [the brokering guide](../guides/x.md), [the finder](../finder/index.md), "
        "[a site](https://example.org/a?b=c#d) and ![plan](../media/plan.png).\n\n"
        '<abbr title="Knowledge-intensive business services">KIBS</abbr> and <span class="note">a note</span>.\n'
        "Heading {: .wide #story }\n"))
    (root / "content" / "guides").mkdir()
    (root / "content" / "guides" / "x.md").write_text("---\nid: x\n---\n")  # exists (its own errors aside)
    (root / "content" / "media").mkdir()
    (root / "content" / "media" / "plan.png").write_bytes(PNG)
    from generator import pipeline

    checked = pipeline.check(pipeline.Project(root))
    body_errors = [d for d in checked.report.errors if d.field == "body"]
    assert body_errors == []
    (root / "content" / "guides" / "x.md").unlink()
    (root / "content" / "cases" / "valid-case.md").write_text(
        body_case("\n![plan](../media/plan.png) and [home](../finder/index.md)\n"))
    assert main(["--root", str(root), "build", "--no-pdf", "--languages", "en"]) == 0
    assert (root / "site" / "media" / "plan.png").read_bytes() == PNG


def test_rules_in_one_place():
    assert list(html_problems("<b>ok</b> <em title='x'>fine</em>")) == []
    assert url_problem("https://example.org/") is None
    assert url_problem("mailto:someone@example.org")[0].endswith("only http and https links are allowed")
