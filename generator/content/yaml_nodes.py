"""Safe YAML with line numbers: YAML text -> plain data + the line of every field.

PyYAML's loaders follow YAML 1.1, where `country: NO` becomes `False`, `1:20` a
sexagesimal number and `2021-03-01` a date object; they also keep the last of two
duplicate keys without a word, and expand aliases (`*a`) however large the result.
Authors mean what they write, so this module composes the node tree with PyYAML
(libyaml when present) and builds the data itself:

- scalars resolve as in YAML 1.2's core schema: only `true`/`false` are booleans,
  only `null`/`~`/empty are null, numbers are decimal (or 0x/0o), and everything
  else - `NO`, `yes`, `on`, `1:20`, `2021-03-01` - stays the string that was written;
- duplicate keys, anchors and aliases, and explicit tags other than the basic
  ones (`!!python/...`, `!!binary`, ...) are reported, never silently accepted;
- every value's line is recorded, keyed by its path, e.g. ("place", "country").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.resolver import BaseResolver

try:  # libyaml: the same result, several times faster
    from yaml._yaml import CParser as _Parser

    _FAST = True
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    _FAST = False

Path_ = tuple[str | int, ...]

MAX_DEPTH = 40

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"


class Yaml12Resolver(BaseResolver):
    """Implicit types of YAML 1.2's core schema, nothing more."""


Yaml12Resolver.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
Yaml12Resolver.add_implicit_resolver(
    _NULL, re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)
Yaml12Resolver.add_implicit_resolver(
    _INT, re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), list("-+0123456789")
)
Yaml12Resolver.add_implicit_resolver(
    _FLOAT,
    re.compile(
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+0123456789."),
)

if _FAST:

    class _Composer(_Parser, Yaml12Resolver):  # type: ignore[misc,valid-type]
        def __init__(self, stream: str) -> None:
            _Parser.__init__(self, stream)
            Yaml12Resolver.__init__(self)

        def resolve(self, kind: type[yaml.Node], value: str | None, implicit: tuple[bool, bool]) -> str:
            """BaseResolver.resolve, the same tags, without its path resolvers (none is registered here).

            libyaml calls it, and descend/ascend_resolver, for every node (270,000 at 1,000 practices):
            composing those 1,071 files took 1.05 s of CPU with PyYAML's, 0.80 s with these (`make check`
            has 3 s in all).
            """
            if kind is yaml.ScalarNode:
                if implicit[0]:  # plain, untagged: the implicit types by first character ('' for empty)
                    for tag, pattern in self.yaml_implicit_resolvers.get(value[:1], ()):  # type: ignore[index]
                        if pattern.match(value):
                            return tag
                return _STR
            return _SEQ if kind is yaml.SequenceNode else _MAP

        def descend_resolver(self, current_node: object, current_index: object) -> None:
            pass

        def ascend_resolver(self) -> None:
            pass

else:  # pragma: no cover

    class _Composer(Reader, Scanner, Parser, Composer, Yaml12Resolver):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)
            Yaml12Resolver.__init__(self)


@dataclass(frozen=True, slots=True)
class YamlProblem:
    """A problem in the YAML text, at a 0-based line of that text."""

    line: int
    path: Path_
    message: str
    hint: str | None = None
    first_line: int | None = None
    """For a duplicate key: the 0-based line where the key was first given."""


@dataclass(frozen=True, slots=True)
class YamlResult:
    data: Any
    lines: dict[Path_, int]
    """0-based line of each value (of the key, for mapping values)."""
    problems: tuple[YamlProblem, ...]


def parse_yaml(text: str) -> YamlResult:
    """Parse one YAML document into plain data, its line map and its problems."""
    composer = None
    try:
        composer = _Composer(text)
        node = composer.get_single_node()
    except yaml.MarkedYAMLError as exc:
        return YamlResult(None, {}, (_syntax_problem(exc, text),))
    except yaml.YAMLError as exc:
        return YamlResult(None, {}, (YamlProblem(0, (), f"YAML could not be read: {exc}"),))
    except RecursionError:
        return YamlResult(None, {}, (YamlProblem(0, (), "YAML is nested too deeply"),))
    finally:
        dispose = getattr(composer, "dispose", None)
        if dispose:
            dispose()
    if node is None:
        return YamlResult(None, {}, ())
    builder = _Builder()
    data = builder.build(node, (), 0)
    return YamlResult(data, builder.lines, tuple(builder.problems))


_STARTS = (
    ("while scanning a quoted scalar", "a quote opened on this line is never closed",
     "Close the quote at the end of the value, e.g. title: \"Bilbao: AS-FABRIK\". A ' inside a value in "
     "'...' is written twice ('It''s'), a \" inside \"...\" as \\\"."),
    ("while parsing a flow sequence", "a list opened with '[' on this line is never closed",
     "End the list with ']' on the same line, e.g. sectors: [textiles, fashion], or write one '- item' a line."),
    ("while parsing a flow mapping", "a group opened with '{' on this line is never closed",
     "End it with '}', or write the fields one a line, indented."),
    ("while scanning a simple key", "this line is not a 'field: value' line",
     "Each line looks like 'title: My practice' (a space after the colon); a longer text is indented "
     "under its field."),
)
"""Errors that PyYAML notices lines after their cause: (its context, the cause in plain words, a fix).
They are reported where the cause is (the context's mark), not where the parser gave up."""


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str) -> YamlProblem:
    context_text = (exc.context or "").strip()
    for context, plain, fix in _STARTS:
        if context_text.startswith(context) and exc.context_mark is not None:
            return YamlProblem(exc.context_mark.line, (), plain, fix)
    mark = exc.problem_mark or exc.context_mark
    line = mark.line if mark is not None else 0
    problem = (exc.problem or "invalid YAML").strip()
    hint = None
    source_lines = text.split("\n")
    tab_here = 0 <= line < len(source_lines) and "\t" in source_lines[line][: (mark.column if mark else 0) + 1]
    if tab_here or "'\\t'" in problem:
        problem = "a tab character is used for indentation"
        hint = "YAML indents with spaces only: replace the tab with spaces."
    elif "mapping values are not allowed" in problem:
        hint = "A value containing ': ' must be put in quotes, e.g. title: \"Bilbao: AS-FABRIK\"."
    elif "expected <block end>" in problem or "expected ',' or" in problem:
        hint = "Check the indentation of this line and the one before; a value starting with [ { * & ! | > must be quoted."
    elif problem.startswith("did not find expected key"):
        problem = "text follows a closed quote, or the indentation is off"
        hint = ("A quote ends the value: put the whole value in quotes and write a ' inside '...' twice "
                "('It''s'); otherwise line this field up with the ones above.")
        return YamlProblem(line, (), f"YAML cannot read this line: {problem}", hint)
    elif "found character" in problem and "cannot start any token" in problem:
        hint = "Put the value in quotes."
    context = f" ({exc.context.strip()})" if exc.context and not tab_here else ""
    return YamlProblem(line, (), f"YAML syntax error: {problem}{context}", hint)


class _Builder:
    """Turns a node tree into dicts, lists and scalars, noting lines and problems."""

    def __init__(self) -> None:
        self.lines: dict[Path_, int] = {}
        self.problems: list[YamlProblem] = []
        self._seen: set[int] = set()

    def build(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        line = self.lines.setdefault(path, node.start_mark.line)  # a mapping value keeps its key's line
        if id(node) in self._seen:
            self.problems.append(
                YamlProblem(line, path, "anchors and aliases (&name, *name) are not allowed",
                            "Write the value out in full where it is needed.")
            )
            return None
        self._seen.add(id(node))
        if depth > MAX_DEPTH:
            self.problems.append(YamlProblem(line, path, f"nested more than {MAX_DEPTH} levels deep"))
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                return self._bad_tag(node, path)
            return [self.build(child, path + (i,), depth + 1) for i, child in enumerate(node.value)]
        return self._scalar(node, path)

    def _mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict[str, Any] | None:
        if node.tag != _MAP:
            return self._bad_tag(node, path)
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(YamlProblem(key_node.start_mark.line, path, "a key must be a plain name"))
                continue
            key = str(key_node.value)
            child = path + (key,)
            if key in result:
                self.problems.append(
                    YamlProblem(key_node.start_mark.line, child, f"duplicate key '{key}'",
                                "Keep one of the two; YAML would silently keep only the last.",
                                first_line=self.lines.get(child, 0))
                )
                continue
            self.lines[child] = key_node.start_mark.line
            result[key] = self.build(value_node, child, depth + 1)
        return result

    def _scalar(self, node: yaml.ScalarNode, path: Path_) -> Any:
        value, tag = node.value, node.tag
        try:
            if tag == _STR:
                return value
            if tag == _NULL:
                return None
            if tag == _BOOL:
                return value in ("true", "True", "TRUE")
            if tag == _INT:
                return int(value, 0) if value[:2] in ("0x", "0o") else int(value, 10)
            if tag == _FLOAT:
                low = value.lower()
                if low.endswith(".nan"):
                    return math.nan
                if low.endswith(".inf"):
                    return -math.inf if low.startswith("-") else math.inf
                return float(value)
        except ValueError:
            self.problems.append(
                YamlProblem(node.start_mark.line, path, f"'{value}' is not a valid {tag.rsplit(':', 1)[-1]}")
            )
            return None
        return self._bad_tag(node, path)

    def _bad_tag(self, node: yaml.Node, path: Path_) -> None:
        self.problems.append(
            YamlProblem(node.start_mark.line, path, f"the YAML tag '{node.tag}' is not allowed",
                        "Remove the '!' tag; content files hold only text, numbers, true/false, lists and mappings.")
        )
        return None


def all_text(value: Any) -> str:
    """Every text in a front-matter value, in order, one after another joined by newlines (what the safety
    and placeholder checks search in one go)."""
    return "\n".join(all_texts(value))


def all_texts(value: Any) -> list[str]:
    """Every text in a front-matter value, in order."""
    texts: list[str] = []
    _collect(value, texts)
    return texts


def _collect(value: Any, texts: list[str]) -> None:
    if type(value) is str:
        texts.append(value)
    elif type(value) is dict:
        for child in value.values():
            _collect(child, texts)
    elif type(value) is list:
        for child in value:
            _collect(child, texts)
