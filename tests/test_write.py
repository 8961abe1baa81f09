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
