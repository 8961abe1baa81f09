from pathlib import Path

from generator.content.load import load_docs, load_file

VALID = "---\nid: x\ntitle: T\nplace:\n  country: ES\n---\n\n## Body\n"


def _load(tmp_path: Path, data: bytes | str, name: str = "x.md"):
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return load_file(path, "cases", Path("content/cases") / name)


def test_fields_keep_their_file_lines(tmp_path):
    doc, problems = _load(tmp_path, VALID)
    assert problems == []
    assert doc.line(("place", "country")) == 5
    assert doc.line(("title",)) == 3
    assert doc.body.startswith("## Body")
    assert doc.body_line == 8


def test_crlf_and_bom_are_read_like_plain_files(tmp_path):
    doc, problems = _load(tmp_path, b"\xef\xbb\xbf" + VALID.replace("\n", "\r\n").encode())
    assert problems == []
    assert doc.front_matter["place"] == {"country": "ES"}
    assert doc.line(("place", "country")) == 5


def test_names_in_any_script_survive(tmp_path):
    doc, _ = _load(tmp_path, "---\ntitle: İş Makineleri, Bielsko-Biała, Timișoara, Ελλάδα\n---\n")
    assert doc.front_matter["title"] == "İş Makineleri, Bielsko-Biała, Timișoara, Ελλάδα"


def _one_error(tmp_path, data, name="x.md"):
    doc, problems = _load(tmp_path, data, name)
    assert doc is None
    assert len(problems) == 1
    return problems[0]


def test_empty_file(tmp_path):
    assert _one_error(tmp_path, "").message == "the file is empty"


def test_no_front_matter(tmp_path):
    assert _one_error(tmp_path, "# Just a title\n").message == "the file has no front matter"


def test_unclosed_front_matter(tmp_path):
    assert "never closed" in _one_error(tmp_path, "---\ntitle: x\n").message


def test_invalid_utf8_names_the_line(tmp_path):
    problem = _one_error(tmp_path, b"---\ntitle: ok\nsummary: caf\xe9\n---\n")
    assert "UTF-8" in problem.message
    assert problem.line == 3


def test_binary_file(tmp_path):
    assert "binary" in _one_error(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00").message


def test_tab_in_yaml(tmp_path):
    problem = _one_error(tmp_path, "---\ntitle: x\nplace:\n\tcity: y\n---\n")
    assert "tab" in problem.message
    assert problem.line == 4


def test_too_large_file(tmp_path):
    problem = _one_error(tmp_path, "---\ntitle: x\n---\n" + "word " * 300_000)
    assert "at most" in problem.message


def test_front_matter_that_is_not_a_mapping(tmp_path):
    assert "field: value" in _one_error(tmp_path, "---\n- a\n- b\n---\n").message


def test_symlink_is_refused(tmp_path):
    target = tmp_path / "real.md"
    target.write_text(VALID)
    link = tmp_path / "link.md"
    link.symlink_to(target)
    doc, problems = load_file(link, "cases", Path("content/cases/link.md"))
    assert doc is None and "symbolic" in problems[0].message


def test_load_docs_reports_every_bad_file_and_keeps_the_good(tmp_path):
    cases = tmp_path / "content" / "cases"
    cases.mkdir(parents=True)
    (cases / "good.md").write_text(VALID)
    (cases / "empty.md").write_text("")
    (cases / "bad.md").write_text("---\na: [\n---\n")
    loaded = load_docs(tmp_path / "content")
    assert loaded.files == 3
    assert [d.stem for d in loaded.docs] == ["good"]
    assert sorted(str(p.path) for p in loaded.diagnostics) == ["content/cases/bad.md", "content/cases/empty.md"]


def test_closing_boundary_is_found_as_the_pattern_finds_it():
    """The quick search for the closing '---' agrees with the front-matter pattern itself."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from generator.content.load import _BOUNDARY, _next_boundary

    @settings(max_examples=500, deadline=None)
    @given(st.text(alphabet="-ab \n\t", max_size=40), st.integers(min_value=0, max_value=40))
    def agrees(text: str, start: int) -> None:
        start = min(start, len(text))
        expected, found = _BOUNDARY.search(text, start), _next_boundary(text, start)
        assert (expected and expected.span()) == (found and found.span())

    agrees()


def test_a_named_pipe_is_refused_without_waiting(tmp_path):
    """A FIFO called *.md would make a plain open() wait forever for a writer."""
    import os

    pipe = tmp_path / "pipe.md"
    os.mkfifo(pipe)
    doc, problems = load_file(pipe, "cases", Path("content/cases/pipe.md"))
    assert doc is None and "not a regular file" in problems[0].message


def test_a_folder_named_like_a_page_is_refused(tmp_path):
    folder = tmp_path / "folder.md"
    folder.mkdir()
    doc, problems = load_file(folder, "cases", Path("content/cases/folder.md"))
    assert doc is None and problems[0].message == "this is not a regular file"


def test_line_ends_of_every_kind_become_newlines(tmp_path):
    unix = _load(tmp_path, VALID, "unix.md")[0]
    for ending in ("\r\n", "\r"):
        doc, problems = _load(tmp_path, VALID.replace("\n", ending), "other.md")
        assert not problems and doc is not None and "\r" not in doc.body
        assert (doc.front_matter, doc.body, doc.body_line) == (unix.front_matter, unix.body, unix.body_line)
