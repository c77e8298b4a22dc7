"""Schema validation: a compiled checker on the fast path, jsonschema for the messages."""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from cxaudit import resources
from cxaudit.document.loading import DocPath, Document, format_path
from cxaudit.document.schemacheck import compile_schema
from cxaudit.errors import InputError, Problem
from cxaudit.i18n import _, did_you_mean
from cxaudit.model.durations import DurationError, parse_cadence, parse_duration
from cxaudit.model.schemawords import message


@lru_cache(maxsize=1)
def process_schema() -> dict[str, Any]:
    """The cxaudit/v1 process JSON Schema."""
    result: dict[str, Any] = json.loads(resources.schema_text("process.schema.json"))
    return result


@lru_cache(maxsize=1)
def _fast() -> Callable[[Any], bool]:
    return compile_schema(process_schema())


def validate(doc: Document) -> None:
    """Raise InputError listing every schema problem, each with file:line:col and a hint.

    The compiled checker answers valid/invalid in well under a millisecond; only an invalid
    document pays for jsonschema, which is the authority and writes the messages.
    """
    if _fast()(doc.data):
        return
    problems = explain(doc)
    if problems:
        raise InputError(problems)


def explain(doc: Document, schema: dict[str, Any] | None = None) -> list[Problem]:
    """Every schema problem of a document (default: against the process schema), with hints."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema or process_schema())
    problems: dict[tuple[int, int, str], Problem] = {}
    for err in validator.iter_errors(doc.data):
        for p in _problems(doc, err):
            problems.setdefault((p.line, p.column, p.message), p)
    return sorted(problems.values(), key=lambda p: (p.line, p.column, p.message))


# errors stay Any: the jsonschema stubs type their fields as possibly Unset, which errors
# from iter_errors never are
def _leaf_errors(err: Any) -> list[Any]:
    if err.validator in ("anyOf", "oneOf") and err.context:
        best = max(len(e.absolute_path) for e in err.context)
        deep = [e for e in err.context if len(e.absolute_path) == best]
        # prefer the branch whose type matched: its errors are the informative ones; an
        # alternative that is a single word (`none`) only explains a value that is no type
        # of the main branch, such as null
        typed = [e for e in deep if e.validator not in ("type", "const")]
        return typed or [e for e in deep if e.validator == "type"][:1] or deep[:1]
    return [err]


def _problems(doc: Document, err: Any) -> list[Problem]:
    out = []
    for e in _leaf_errors(err):
        path: DocPath = tuple(e.absolute_path)
        if e.validator == "additionalProperties":
            known = sorted((e.schema.get("properties") or {}).keys())
            for key in sorted(set(e.instance) - set(known)):
                if key.startswith("x-"):
                    continue
                line, col = doc.locate(path + (key,))
                close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
                hint = (did_you_mean(close[0]) if close else
                        _("known fields here: {names}; prefix custom fields with x-").format(
                            names=", ".join(known)))
                out.append(Problem(doc.file, line, col,
                                   _("unknown field {key!r} in {path}").format(
                                       key=key, path=format_path(path)), hint))
            continue
        line, col = doc.locate(path)
        where = format_path(path)
        out.append(Problem(doc.file, line, col, f"{where}: {message(e)}", _hint(e, path)))
    return out


def shape_hint() -> str:
    """The hint of a schema problem nothing more specific explains."""
    return _("see `cxaudit schema` for the expected shape")


def start_hint() -> str:
    """The hint of a file that does not start as a process file."""
    return _("start the file with `apiVersion: cxaudit/v1` and `kind: CustomerServiceProcess`")


def _says_none(parent: Any) -> bool:
    """The error is one branch of `X or the word none/never`: the field's own text explains both."""
    return parent is not None and parent.validator == "anyOf" and any(
        "const" in branch or branch.get("$ref") == "#/$defs/none"
        for branch in parent.validator_value if isinstance(branch, dict))


def _hint(e: Any, path: DocPath) -> str:
    desc = e.schema.get("description", "") if isinstance(e.schema, dict) else ""
    if e.validator == "type" and _says_none(getattr(e, "parent", None)):
        desc = str(e.parent.schema.get("description") or desc)
    if e.validator == "enum" and isinstance(e.instance, str):
        close = difflib.get_close_matches(e.instance, [str(v) for v in e.validator_value], n=1)
        if close:
            return did_you_mean(close[0])
    if e.validator == "pattern" and isinstance(e.instance, str):
        for parse in (parse_duration, parse_cadence):
            try:
                parse(e.instance)
            except DurationError as exc:
                if "duration" in desc.lower() or "cadence" in desc.lower():
                    return exc.hint
    if e.validator == "const" and path == ("apiVersion",):
        return _("the first lines must be `apiVersion: cxaudit/v1` and "
                 "`kind: CustomerServiceProcess`")
    if e.validator == "required" and not path:
        return start_hint()
    if e.validator == "type" and "string" in _kinds(e.validator_value) \
            and isinstance(e.instance, (int, float)) and not isinstance(e.instance, bool) \
            and "duration" not in desc.lower():
        return _("write it in quotes to keep it as text: unquoted digits are read as a number "
                 '(0800 becomes 800), so write "0800"')
    return _brief(desc) if desc else shape_hint()


def _kinds(value: Any) -> list[str]:
    return value if isinstance(value, list) else [value]


def _brief(desc: str, limit: int = 200) -> str:
    """The description's first sentences, cut at a sentence end rather than mid-word."""
    out = ""
    for sentence in desc.split(". "):
        nxt = f"{out}. {sentence}" if out else sentence
        if out and len(nxt) > limit:
            break
        out = nxt
    return out if out.endswith(".") else out + "."
