"""A content file written as the repository keeps them: YAML front matter in the schema's order, then the body.

The style is the contribution form's (`site/static/contribute.js`, which writes with
the `yaml` library): short lists of plain values in brackets, long texts folded at
80 columns, texts in double quotes only where YAML needs them, and the values a
YAML 1.1 reader would misread (`yes`, `NO`, `1:20`) quoted. Written with PyYAML.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import yaml
from yaml.emitter import Emitter
from yaml.representer import SafeRepresenter
from yaml.resolver import BaseResolver, Resolver
from yaml.serializer import Serializer

from generator.content.schemas import flattened

FOLD = 60
"""Texts longer than this are folded over several lines (`>-`)."""
FLOW_WIDTH = 72
"""A list of plain values is written in brackets when it fits in this many characters."""
_MISREAD = re.compile(r"^(?:y|n|yes|no|on|off|\d+(?::\d+)+)$", re.IGNORECASE)
_INVISIBLE = re.compile("[\t\x00-\x08\x0b-\x1f\x7f\u2028\u2029]")


class _Resolver(BaseResolver):
    """PyYAML's implicit types without dates: `2026-11-23` is written plain, as the content files have it
    (the portal reads YAML 1.2, where it is a text)."""


for _first, _resolvers in Resolver.yaml_implicit_resolvers.items():
    for _tag, _pattern in _resolvers:
        if _tag != "tag:yaml.org,2002:timestamp":
            _Resolver.add_implicit_resolver(_tag, _pattern, [_first])


class _Emitter(Emitter):
    def choose_scalar_style(self) -> str:
        style = super().choose_scalar_style()
        return '"' if style == "'" else style  # double quotes, as the content files write them

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)  # a list under a key is indented: "  - name: ..."


class _Representer(SafeRepresenter):
    def represent_str(self, data: str) -> yaml.ScalarNode:
        if _MISREAD.match(data) or _INVISIBLE.search(data):
            return self.represent_scalar("tag:yaml.org,2002:str", data, style='"')
        if "\n" in data:
            return self.represent_scalar("tag:yaml.org,2002:str", data, style="|")
        if len(data) > FOLD and data == data.strip() and "  " not in data:
            return self.represent_scalar("tag:yaml.org,2002:str", data, style=">")
        return self.represent_scalar("tag:yaml.org,2002:str", data)

    def represent_list(self, data: list[Any]) -> yaml.SequenceNode:
        plain = all(isinstance(v, (str, int, float, bool)) and not (isinstance(v, str) and len(v) >= FOLD) for v in data)
        flow = plain and sum(len(str(v)) + 2 for v in data) <= FLOW_WIDTH
        return self.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)

    def represent_dict(self, data: Mapping[str, Any]) -> yaml.MappingNode:
        numbers = bool(data) and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in data.values())
        return self.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=numbers)


_Representer.add_representer(str, _Representer.represent_str)
_Representer.add_representer(list, _Representer.represent_list)
_Representer.add_representer(dict, _Representer.represent_dict)


class _Dumper(_Emitter, Serializer, _Representer, _Resolver):
    def __init__(self, stream: Any, **kwargs: Any) -> None:
        _Emitter.__init__(self, stream, width=kwargs.get("width"), allow_unicode=True, indent=2)
        Serializer.__init__(self, explicit_start=False, explicit_end=False)
        _Representer.__init__(self, default_flow_style=False, sort_keys=False)
        _Resolver.__init__(self)


def ordered(value: Any, schema: Mapping[str, Any]) -> Any:
    """`value` with empty fields left out and the keys of each group in the schema's order (unknown keys last)."""
    schema = flattened(schema)
    if isinstance(value, list):
        items = [ordered(v, schema.get("items", {})) for v in value]
        return [v for v in items if v not in (None, "", [], {})]
    if isinstance(value, dict):
        known = list(schema.get("properties", {}))
        keys = [k for k in known if k in value] + [k for k in value if k not in known]
        out = {k: ordered(value[k], schema.get("properties", {}).get(k, {})) for k in keys}
        return {k: v for k, v in out.items() if v not in (None, "", [], {})}
    return value


def content_file(front_matter: Mapping[str, Any], body: str, schema: Mapping[str, Any]) -> str:
    """The whole file: `---`, the front matter in `schema`'s order, `---`, a blank line and the body."""
    front = yaml.dump(ordered(dict(front_matter), schema), Dumper=_Dumper, width=72)
    body = body.replace("\r\n", "\n").strip("\n").rstrip()
    return f"---\n{front}---\n" + (f"\n{body}\n" if body else "")
