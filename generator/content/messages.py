"""The words of every problem `generator check` reports for a schema rule, kept as data.

`validate.py` fills these templates for the command line, and the build hands the
same table to the contribution form (`site/static/contribute.js`), which fills
them the same way next to each field: one source of messages, two readers.
A template names its values in braces, e.g. `{value}`; `say` fills them.
"""

from __future__ import annotations

from typing import Any

MESSAGES: dict[str, str] = {
    "required": "missing required field '{name}'",
    "required.hint": "Add it; see the field reference in CONTRIBUTING.md.",
    "additionalProperties": "unknown field '{name}'",
    "additionalProperties.hint": "Allowed here: {allowed}.",
    "fact_field": "'{name}' is a fact field: a translation holds text only",
    "fact_field.hint": "Remove it: names, figures, dates, places and sources come from the original page, "
                       "so a fact is never kept twice.",
    "type": "{value} must be {words}",
    "type.group": "must be {words}, not {given}",
    "type.group.text.hint": ("Write the text after the field's name, e.g. {name}: My text (for a long text, "
                             "'{name}: >-' and the text indented on the lines below), not as '- ' lines."),
    "type.group.list.hint": "Write each entry on its own line starting with '- ', indented under the field.",
    "type.boolean.hint": "Write true or false (not {text}).",
    "type.quoted_number.hint": "Remove the quotes around the number.",
    "type.needs_quotes.hint": "Put the value in quotes.",
    "type.empty.hint": "The field is empty: give it a value or remove the line.",
    "enum": "{value} is not one of: {options}",
    "const": "must be '{expected}'",
    "vocabulary": "{value} is not a known {name}",
    "vocabulary.hint": "Allowed: {options} (listed in schemas/vocabularies.schema.json).",
    "source": "a source needs either 'document' and 'section', or 'title' and 'url'",
    "source.hint": "For a source document write: document: 001_af2e630d849fcec9.txt and section: <heading>.",
    "anyOf": "does not match any allowed form",
    "pattern": "{value} is not in the expected form",
    "minLength": "is too short: {length} characters, at least {limit} needed",
    "maxLength": "is too long: {length} characters, at most {limit} allowed",
    "maxLength.hint": "Shorten it, or move detail to the Markdown body.",
    "minItems.one": "needs at least {limit} entry",
    "minItems.many": "needs at least {limit} entries",
    "uniqueItems": "lists the same value twice",
    "uniqueItems.hint": "Remove the repeated entry.",
    "minimum": "{value} is below the minimum of {limit}",
    "maximum": "{value} is above the maximum of {limit}",
    "format": "{value} is not a valid {format}",
    "format.date.hint": "Write dates as YYYY-MM-DD, e.g. 2026-11-23.",
    "did_you_mean": "Did you mean {choices}?",
    "country": "{value} is not a two-letter country code",
    "country.suggestion.hint": "Did you mean {code}?",
    "country.hint": "Use the two-letter ISO 3166-1 code, e.g. ES, IT, GB, TR.",
    "placeholder": "still holds a FILL IN placeholder",
    "placeholder.hint": "Replace it with the real value, or delete the line if optional.",
}
"""Template of each message (and of its hint, under `<key>.hint`), keyed by the JSON Schema keyword it explains."""

TYPE_WORDS: dict[str, str] = {
    "string": "a text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list (lines starting with '- ')",
    "object": "a group of 'field: value' lines",
    "null": "empty",
}
"""How a `type` message names each JSON type."""

SHOWN_LENGTH = 60
"""A value quoted in a message is cut to this many characters."""


def say(key: str, **values: Any) -> str:
    """The template `key` with its values filled in."""
    return MESSAGES[key].format_map(values)


def shown(value: Any) -> str:
    """A value as a message quotes it: text in double quotes, anything else as Python writes it, cut to 60."""
    text = repr(value) if not isinstance(value, str) else f'"{value}"'
    return text if len(text) <= SHOWN_LENGTH else text[:SHOWN_LENGTH - 3] + '..."'


def table() -> dict[str, Any]:
    """Everything the browser needs to word a problem as the command line does."""
    return {"messages": dict(MESSAGES), "types": dict(TYPE_WORDS), "shown": SHOWN_LENGTH}
