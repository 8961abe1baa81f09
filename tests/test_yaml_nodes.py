from generator.yaml_nodes import parse_yaml


def test_yaml_1_1_traps_load_as_written():
    result = parse_yaml("country: NO\nanswer: yes\nswitch: on\ntime: 1:20\ndate: 2021-03-01\nflag: true\nn: 12\nx: 1.5\nnothing: ~\n")
    assert result.problems == ()
    assert result.data == {
        "country": "NO", "answer": "yes", "switch": "on", "time": "1:20",
        "date": "2021-03-01", "flag": True, "n": 12, "x": 1.5, "nothing": None,
    }


def test_duplicate_key_is_reported_with_both_lines():
    result = parse_yaml("title: one\nkind: x\ntitle: two\n")
    assert result.data["title"] == "one"
    [problem] = result.problems
    assert problem.message == "duplicate key 'title'"
    assert (problem.line, problem.first_line) == (2, 0)


def test_aliases_are_refused_without_expanding_them():
    text = "a: &x [1, 2]\nb: [*x, *x, *x]\n"
    result = parse_yaml(text)
    assert result.problems
    assert all("aliases" in p.message for p in result.problems)
    assert result.data["b"] == [None, None, None]


def test_billion_laughs_is_cheap_and_refused():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i-1}"] * 10) + "]" for i in range(1, 10)]
    result = parse_yaml("\n".join(lines))
    assert len(result.problems) == 9 * 10  # one per alias, none expanded


def test_python_tags_are_refused():
    result = parse_yaml("x: !!python/object/apply:os.system ['echo hi']\n")
    assert result.data["x"] is None
    assert "tag" in result.problems[0].message


def test_line_of_every_value():
    result = parse_yaml("a: 1\nplace:\n  city: Bilbao\n  country: ES\nlist:\n  - one\n  - two\n")
    assert result.lines[("place", "country")] == 3
    assert result.lines[("list", 1)] == 6


def test_syntax_error_gives_line_and_hint_for_tabs():
    result = parse_yaml("a: 1\nb:\n\t- x\n")
    [problem] = result.problems
    assert problem.line == 2
    assert "tab" in problem.message and problem.hint


# --- the quick road (yaml-rs) must agree with parse_yaml, or decline -----------------------

import math  # noqa: E402
from pathlib import Path  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from generator.yaml_nodes import LazyLines, all_text, parse_fast  # noqa: E402

TRICKY = [
    "country: NO\nanswer: yes\nswitch: on\ntime: 1:20\ndate: 2021-03-01\nflag: True\nnothing: ~\nempty:\n",
    "n: 012\nh: 0x1F\no: 0o17\ne: 1e3\nf: -.5\ninf: -.inf\nnan: .NaN\nbig: 123456789012345678901234567890\n",
    "a: &x 1\nb: *x\n",
    "a: !!binary aGVsbG8=\n",
    "a: !foo x\n",
    "a: 1\na: 2\n",
    "1: one\n",
    "? [a, b]\n: c\n",
    "- just\n- a list\n",
    "title: 'It''s R&D at 3*4'\nsummary: \"tab\\there, \\u00e9\"\n",
    "folded: >\n  one\n  two\nliteral: |\n  keep\n  lines\n",
    "nested: {a: [1, {b: c}], d: null}\n",
    "a: [1\nb: 2\n",
    "x: 1\n...\n",
    "x: 'unterminated\n",
    "deep: " + "[" * 45 + "]" * 45 + "\n",
    "key with spaces: value: with colon\n",
    "k: - not a list\n",
    "k: \"\\x00\"\n",
]


def _agrees(text: str) -> None:
    fast = parse_fast(text)
    if fast is None:
        return  # declined: parse_yaml gives the answer
    exact = parse_yaml(text)
    assert exact.problems == (), (text, exact.problems)
    assert _same(fast[0], exact.data), (text, fast, exact.data)
    assert fast[1] == all_text(exact.data), text  # the texts found on the way are every text, in order


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)  # type: ignore[index]
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))  # type: ignore[arg-type]
    return a == b


def test_quick_road_agrees_or_declines_on_tricky_texts():
    for text in TRICKY:
        _agrees(text)
    assert parse_fast(TRICKY[0])[0] == {"country": "NO", "answer": "yes", "switch": "on", "time": "1:20",
                                     "date": "2021-03-01", "flag": True, "nothing": None, "empty": None}
    for declined in ("a: &x 1\nb: *x\n", "a: !!binary aGVsbG8=\n", "a: 1\na: 2\n", "1: one\n", "- a\n", "a: [1\n"):
        assert parse_fast(declined) is None, declined


def test_quick_road_accepts_real_content():
    text = Path("content/cases/bilbao-as-fabrik.md").read_text(encoding="utf-8").split("\n---\n", 1)[0][4:]
    data, texts = parse_fast(text)
    assert data == parse_yaml(text).data
    assert texts.startswith("bilbao-as-fabrik\nAS-FABRIK: Bilbao's Industry 4.0 ecosystem programme\npublished\n")


_SCALARS = st.sampled_from(["NO", "yes", "on", "1:20", "2021-03-01", "true", "False", "~", "null", "", "012", "0x1F",
                            "0o17", "1e3", "-.5", ".inf", ".NaN", "+12", "1_000", "R&D", "a *b*", "!x", "&a", "*a",
                            "'q''s'", '"e\\té"', "a: b", "- x", "[1, 2]", "{a: 1}", "#c", "x # c", "|", ">", "%", "@x",
                            "`x`", "? x", "1.", ".5", "0b11", "Inf", "NaN", "TRUE", "tRue", "é", "\\", "'", '"',
                            "0X1F", "0O17", "0o7_7", "+0x1F", "1__0", "-", "<<", "1E+3", "-0.0", "0o8", "1 # c",
                            "_", "_e5", "1_", "._", "_1", "001_af2e.txt", "1_000.5", "[1_000]", "{a: 0x1}"])
_KEYS = st.sampled_from(["a", "b", "title", "1", "true", "null", "x y", "a.b", "-k", "'q'", '"d"'])


@st.composite
def _documents(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 6))):
        key, value = draw(_KEYS), draw(_SCALARS)
        style = draw(st.integers(0, 3))
        if style == 0:
            lines.append(f"{key}: {value}")
        elif style == 1:
            lines.append(f"{key}:\n  - {value}\n  - {draw(_SCALARS)}")
        elif style == 2:
            lines.append(f"{key}:\n  inner: {value}")
        else:
            header = draw(st.sampled_from(["|", ">", "|-", ">+", "|2", ">-", "|+"]))
            rows = draw(st.lists(st.sampled_from(["  one", "  two words", "", "    deeper", "  # not a comment"]),
                                 max_size=4))
            lines.append(f"{key}: {header}" + "".join("\n" + r for r in rows))
    return "\n".join(lines) + "\n"


@settings(max_examples=400, deadline=None)
@given(_documents())
def test_quick_road_agrees_with_exact_parser(text):
    _agrees(text)


def test_lazy_lines_are_the_exact_lines():
    text = "a: 1\nplace:\n  city: Bilbao\n  country: ES\n"
    lines = LazyLines(text, 2)
    assert lines[("place", "country")] == 5 and ("place", "city") in lines
    import pickle

    assert pickle.loads(pickle.dumps(lines))[("a",)] == 2


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="ab_1.-+:[{, \n\t\u00a0\u2003", max_size=30))
def test_quick_road_declines_every_underscore_number(text):
    """The shortcut that skips underscores after a letter never hides a number like 1_000 or _1."""
    from generator.yaml_nodes import _ODD_NUMBER, _declined

    if _ODD_NUMBER.search(text):
        assert _declined(text)
