from generator.output.write import write_if_changed, write_site
from generator.types import RenderedPage


def test_write_if_changed_skips_identical_bytes(tmp_path):
    path = tmp_path / "a" / "b.md"
    assert write_if_changed(path, b"one") is True
    mtime = path.stat().st_mtime_ns
    assert write_if_changed(path, b"one") is False
    assert path.stat().st_mtime_ns == mtime
    assert write_if_changed(path, b"two") is True
    assert path.read_bytes() == b"two"
    assert not list(tmp_path.rglob("*.tmp"))


def test_write_site_rewrites_only_changes_and_prunes_stale_pages(tmp_path):
    first = write_site([RenderedPage("index.md", "home"), RenderedPage("cases/x.md", "x")], tmp_path)
    assert sorted(first.changed) == ["cases/x.md", "index.md"]
    second = write_site([RenderedPage("index.md", "home"), RenderedPage("cases/y.md", "y")], tmp_path)
    assert second.changed == ("cases/y.md",)
    assert second.removed == ("cases/x.md",)
    assert second.unchanged == 1
    assert not (tmp_path / "cases" / "x.md").exists()


def test_at_once_writes_the_changed_pages_only_after_the_last_is_rendered(tmp_path):
    """make serve: MkDocs rebuilds at the first changed file it sees, so none may appear while rendering goes on."""
    write_site([RenderedPage("index.md", "home"), RenderedPage("cases/x.md", "x")], tmp_path)
    seen = []

    def pages():
        yield RenderedPage("index.md", "home, edited")
        seen.append((tmp_path / "index.md").read_text())  # while the next page is rendered
        yield RenderedPage("cases/x.md", "x")
        yield RenderedPage("cases/y.md", "y")
        seen.append((tmp_path / "cases" / "y.md").exists())

    written = write_site(pages(), tmp_path, at_once=True)
    assert seen == ["home", False]
    assert sorted(written.changed) == ["cases/y.md", "index.md"] and written.unchanged == 1
    assert (tmp_path / "index.md").read_text() == "home, edited" and (tmp_path / "cases" / "y.md").read_text() == "y"


def test_known_pages_are_not_read_back_and_a_failed_run_forgets_them(tmp_path):
    """make serve: a page it wrote last time (the same content, or the same bytes) is not read again."""
    import pytest

    known: dict = {}
    home = RenderedPage("index.md", "home")
    assert write_site([home, RenderedPage("cases/x.md", "x")], tmp_path, at_once=True, known=known).changed
    (tmp_path / "index.md").write_text("changed behind its back")  # not read: the same content object
    again = write_site([home, RenderedPage("cases/x.md", "x"), RenderedPage("cases/y.md", "y")], tmp_path,
                       at_once=True, known=known)
    assert again.changed == ("cases/y.md",) and again.unchanged == 2
    assert (tmp_path / "index.md").read_text() == "changed behind its back"

    def failing():
        yield RenderedPage("cases/x.md", "x, edited")
        raise RuntimeError("a template failed")

    with pytest.raises(RuntimeError):
        write_site(failing(), tmp_path, at_once=True, known=known)
    assert known == {} and (tmp_path / "cases" / "x.md").read_text() == "x"  # nothing held was written
    retried = write_site([RenderedPage("index.md", "home"), RenderedPage("cases/x.md", "x, edited")], tmp_path,
                         at_once=True, known=known)
    assert sorted(retried.changed) == ["cases/x.md", "index.md"]  # compared with the files again
