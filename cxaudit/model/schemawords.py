"""What a schema error says, in our own words and the run's language.

jsonschema finds the errors; its messages are English sentences we cannot translate, so each is
written here again from the error's data (the keyword, the value found, the limit), one sentence
per keyword. In English they read as jsonschema's did, so nothing changes for English users.
"""

from __future__ import annotations

from typing import Any

from cxaudit.i18n import _, pgettext


def type_name(name: str) -> str:
    """A JSON Schema type as a reader names it (`string` in English, «текст» in Ukrainian)."""
    names = {"string": pgettext("json type", "string"),
             "integer": pgettext("json type", "integer"),
             "number": pgettext("json type", "number"),
             "object": pgettext("json type", "object"),
             "array": pgettext("json type", "array"),
             "boolean": pgettext("json type", "boolean"),
             "null": pgettext("json type", "null")}
    return names.get(name, name)


def value_kind(value: Any) -> str:
    """The kind of a value the file gave (`str`, `int`, `list` in English, as Python names it)."""
    name = type(value).__name__
    names = {"str": pgettext("value kind", "str"), "int": pgettext("value kind", "int"),
             "float": pgettext("value kind", "float"), "bool": pgettext("value kind", "bool"),
             "list": pgettext("value kind", "list"), "dict": pgettext("value kind", "dict")}
    return names.get(name, name)


def _either(kinds: list[str]) -> str:
    return _(" or ").join(type_name(k) for k in kinds)


def message(e: Any) -> str:
    """The sentence for one jsonschema error `e` (its path is said by the caller)."""
    v, limit = e.instance, e.validator_value
    key = e.validator
    if key == "enum":
        return _("{value!r} is not one of {choices}").format(
            value=v, choices=", ".join(map(str, limit)))
    if key == "type":
        kinds = limit if isinstance(limit, list) else [limit]
        if v is None:
            return _("expected {kinds}, found an empty value (null)").format(kinds=_either(kinds))
        return _("expected {kinds}, found {kind} {value!r}").format(
            kinds=_either(kinds), kind=value_kind(v), value=v)
    if key == "required":  # one error per missing name, which only the English message gives
        name = str(e.message).removesuffix(" is a required property")
        return _("{name} is required").format(name=name)
    if key == "const":
        return _("must be {expected!r}, found {value!r}").format(expected=limit, value=v)
    if key == "pattern" and isinstance(v, str):
        return _("{value!r} is not in the expected format").format(value=v)
    if key == "minimum":
        return _("{value} is less than the minimum of {limit}").format(value=v, limit=limit)
    if key == "maximum":
        return _("{value} is greater than the maximum of {limit}").format(value=v, limit=limit)
    if key in ("minItems", "minLength", "minProperties"):
        if limit == 1:
            return _("{value!r} should be non-empty").format(value=v)
        return _("{value!r} is too short").format(value=v)
    if key in ("maxItems", "maxLength"):
        return _("{value!r} is too long").format(value=v)
    if key == "uniqueItems":
        return _("{value!r} has non-unique elements").format(value=v)
    if key == "oneOf" and not e.context:  # more than one alternative fits
        return _("{value!r} is valid under each of {schemas}").format(
            value=v, schemas=", ".join(map(repr, limit)))
    if key in ("anyOf", "oneOf"):
        return _("{value!r} is not valid under any of the given schemas").format(value=v)
    if key == "not":
        return _("{value!r} should not be valid under {schema}").format(value=v, schema=limit)
    if key == "contains":
        return _("{value!r} does not contain items matching the given schema").format(value=v)
    if key == "format":
        return _("{value!r} is not a {format!r}").format(value=v, format=limit)
    return _("{value!r} does not have the expected shape ({keyword})").format(value=v,
                                                                              keyword=key)


__all__ = ["message", "type_name", "value_kind"]
