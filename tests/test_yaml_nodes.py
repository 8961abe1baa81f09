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


def test_each_scalar_gets_the_type_of_yaml_1_2_core_schema():
    written = ["", "~", "null", "Null", "NULL", "nul", "true", "True", "TRUE", "tRUE", "false", "no", "0", "-12",
               "+7", "0x1F", "0o17", "0b1", "1.5", "-.5", ".inf", "-.Inf", "1e3", "1:20", "2021-03-01",
               "title", "n", "t", "'true'", '"12"', "'~'", "!!str 12", "!!int 12", "[1, true]", "{a: ~}"]
    result = parse_yaml("".join(f"k{i}: {value}\n" for i, value in enumerate(written)) + "nan: .nan\n")
    assert result.problems == ()
    assert [result.data[f"k{i}"] for i in range(len(written))] == [
        None, None, None, None, None, "nul", True, True, True, "tRUE", False, "no", 0, -12,
        7, 31, 15, "0b1", 1.5, -0.5, float("inf"), float("-inf"), 1000.0, "1:20", "2021-03-01",
        "title", "n", "t", "true", "12", "~", "12", 12, [1, True], {"a": None}]
    assert result.data["nan"] != result.data["nan"]


def test_the_composer_resolves_as_pyyaml_does():
    """Its own `resolve` (the fast one) gives the tags of PyYAML's BaseResolver.resolve with the same resolvers."""
    import yaml
    from yaml.resolver import BaseResolver

    from generator.content import yaml_nodes

    text = "a: [1, true, ~, x, '2', !!str 3, 0x1F, .5]\nb: {c: null, d: -1e3, e: no}\nf: |\n  text\n"

    def tags(composer_class: type) -> list[str]:
        composer = composer_class(text)
        try:
            pending, found = [composer.get_single_node()], []
            while pending:
                node = pending.pop()
                found.append(node.tag)
                if isinstance(node, yaml.MappingNode):
                    pending += [part for pair in node.value for part in pair]
                elif isinstance(node, yaml.SequenceNode):
                    pending += node.value
            return found
        finally:
            composer.dispose()

    class Reference(yaml_nodes._Composer):
        resolve = BaseResolver.resolve
        descend_resolver = BaseResolver.descend_resolver
        ascend_resolver = BaseResolver.ascend_resolver

    assert tags(yaml_nodes._Composer) == tags(Reference)
    assert len(set(tags(Reference))) == 7  # str, int, float, bool, null, seq, map: every branch compared
