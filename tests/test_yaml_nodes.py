from generator.content.yaml_nodes import parse_yaml


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
