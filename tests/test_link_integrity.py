"""Every internal link in the built site resolves (and a broken one stops the build)."""

from pathlib import Path

from generator import pipeline
from generator.output.linkcheck import broken_links

ROOT = Path(__file__).resolve().parent.parent


def test_the_real_site_has_no_broken_internal_link(tmp_path):
    site = tmp_path / "site"
    pipeline.build(pipeline.Project(ROOT), site=site, pdf=False)
    pages = list(site.rglob("*.html"))
    assert len(pages) > 60
    assert broken_links(site) == []


def test_a_broken_link_is_found(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<a href="../b/">b</a> <img src="../img/x.png"> <a href="https://x.org/">ok</a> <a href="#top">ok</a>')
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "index.html").write_text('<a href="../a/">a</a>')
    assert [(b.page, b.target) for b in broken_links(tmp_path)] == [("a/index.html", "../img/x.png")]


def test_a_raw_html_link_that_leads_nowhere_stops_the_build(mini_project):
    case = mini_project / "content" / "cases" / "igualada-test.md"
    case.write_text(case.read_text(encoding="utf-8") + '\n<a href="../../nowhere/">x</a>\n', encoding="utf-8")
    checked = pipeline.check(pipeline.Project(mini_project))
    # the validator already refuses it ...
    assert any("points to a file that does not exist" in d.message or "outside" in d.message for d in checked.report.errors)


def test_links_to_folders_the_root_and_beyond_the_site(tmp_path):
    (tmp_path / "index.html").write_text("home")
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<a href="../">home</a> <a href="/a/">abs</a> <a href="../../x/">out</a>'
                                               ' <a href="./">self</a> <a href="../empty/">no index</a>')
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "file.txt").write_text("x")
    assert sorted(b.target for b in broken_links(tmp_path)) == ["../../x/", "../empty/"]


def test_kept_links_are_used_and_a_target_removed_since_is_still_found(tmp_path, monkeypatch):
    import generator.output.linkcheck as linkcheck

    site, cache = tmp_path / "site", tmp_path / "links.json"
    (site / "a").mkdir(parents=True)
    (site / "b").mkdir()
    (site / "a" / "index.html").write_text('<a href="../b/">b</a>')
    (site / "b" / "index.html").write_text("<p>b</p>")
    assert broken_links(site, cache) == []
    parsed = []
    monkeypatch.setattr(linkcheck, "_targets", lambda html: parsed.append(html) or [])
    (site / "b" / "index.html").unlink()
    assert [(b.page, b.target) for b in broken_links(site, cache)] == [("a/index.html", "../b/")]
    assert parsed == []  # the unchanged page's links came from the cache
