"""Safe YAML loading that remembers where every value came from.

PyYAML's C parser builds the node tree; we resolve plain scalars by the YAML 1.2
core schema ourselves (so `on`, `no` and `NO` stay strings and `18:00` is not the
base-60 number 1080) and walk the nodes into plain JSON-like values while
recording the line and column of every mapping key and sequence item.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from datetime import date
from typing import Any, cast

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from cxaudit.document.scalars import (
    BOOL,
    BOOL_RE,
    DATE,
    DATE_RE,
    FLOAT,
    INT,
    MAP,
    NULL,
    NULL_RE,
    SAFE_TAGS,
    SEQ,
    STR,
    Loader,
)
from cxaudit.errors import InputError

DocPath = tuple[str | int, ...]

@dataclass(frozen=True)
class Limits:
    """Refusal thresholds that keep hostile or broken files from hurting us."""

    max_bytes: int = 1_048_576
    max_depth: int = 64
    max_nodes: int = 200_000


@dataclass(frozen=True)
class Document:
    """A loaded YAML document: plain values plus the source position of every key."""

    file: str
    data: dict[str, Any]
    positions: dict[DocPath, tuple[int, int]] = field(repr=False)

    def locate(self, path: DocPath) -> tuple[int, int]:
        """Line and column of `path`, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            pos = self.positions.get(path)
            if pos is not None:
                return pos
            path = path[:-1]
        return self.positions.get((), (1, 1))


def format_path(path: DocPath) -> str:
    """Render a document path the way users write it: `channels[2].sla.targets`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out or "(document)"


# What each kind of file is called in errors, and how to start one right.
KINDS = {
    "process": ("a process description",
                ("start the file with `apiVersion: cxaudit/v1` and "
                 "`kind: CustomerServiceProcess`; examples/ holds complete files")),
    "waivers": ("a waivers file",
                ("put the entries in a list under a top-level `waivers:` key "
                 "(see `cxaudit schema waivers`)")),
    "config": ("a configuration file",
               "write the settings as `key: value` pairs (see `cxaudit schema config`)"),
    "rule": ("a rule file", "see `cxaudit schema rule` and the files in rules/core/"),
    "legal": ("a legal table", "see rules/data/legal/README.md"),
    "answers": ("an answers file", ("write the answers under a top-level `answers:` key, as "
                "`cxaudit init` saves them (its --template files are examples)")),
    "questions": ("a questionnaire", "see cxaudit/init/questions.yaml"),
}


def read_limited(path: str | os.PathLike[str], max_bytes: int, *, what: str = "file",
                 option: str = "--max-file-size") -> bytes:
    """The bytes of a regular file of at most `max_bytes`; anything else is an InputError.

    The file is opened without blocking and checked before a byte is read, so a FIFO, a device
    such as /dev/zero or a directory is refused at once, and a file that grows while it is read
    is refused too: never more than `max_bytes` + 1 bytes are read.
    """
    name = os.fspath(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(name, flags)
    except IsADirectoryError:
        raise InputError.at(name, 0, 0, f"is a directory, not a {what}",
                            "name the file inside it") from None
    except OSError as exc:
        raise InputError.at(name, 0, 0, f"cannot read {what}: {exc.strerror}",
                            "check the path and the file permissions") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            kind = "a directory" if stat.S_ISDIR(st.st_mode) else "a pipe" if stat.S_ISFIFO(
                st.st_mode) else "a device" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(
                st.st_mode) else "not a regular file"
            raise InputError.at(name, 0, 0, f"is {kind}, not a {what}",
                                "pass a regular file" if kind == "a directory" else
                                "pass a regular file (save the stream to a file first)")
        if st.st_size > max_bytes:
            raise _too_big(name, f"{what} is {st.st_size:,} bytes", max_bytes, option)
        with os.fdopen(os.dup(fd), "rb") as fh:
            raw = fh.read(max_bytes + 1)
    finally:
        os.close(fd)
    if len(raw) > max_bytes:
        raise _too_big(name, f"{what} grew past {max_bytes:,} bytes while it was read",
                       max_bytes, option)
    return raw


def _too_big(name: str, said: str, max_bytes: int, option: str) -> InputError:
    over = "" if "grew" in said else f", over the limit of {max_bytes:,} bytes"
    hint = ("split it into one file per service unit, or raise --max-file-size"
            if option == "--max-file-size" else option)
    return InputError.at(name, 0, 0, said + over, hint)


def load_file(path: str | os.PathLike[str], limits: Limits = Limits(), *,
              kind: str = "process") -> Document:
    """Read and load one YAML file, refusing anything unsafe or malformed."""
    what = "file" if kind == "process" else KINDS[kind][0].removeprefix("a ")
    option = "--max-file-size" if kind == "process" else \
        f"{KINDS[kind][0]} over {limits.max_bytes:,} bytes is not supported; split it"
    raw = read_limited(path, limits.max_bytes, what=what, option=option)
    return load_bytes(raw, os.fspath(path), limits, kind=kind)


def load_bytes(raw: bytes, name: str, limits: Limits = Limits(), *,
               kind: str = "process") -> Document:
    """Decode UTF-8 strictly, then load."""
    if len(raw) > limits.max_bytes:
        raise InputError.at(name, 0, 0, f"document is over the limit of {limits.max_bytes:,} bytes",
                            "raise --max-file-size if this is intended")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError.at(name, line, col, f"invalid UTF-8 byte 0x{raw[exc.start]:02x}",
                            "save the file as UTF-8 (most editors: 'Save with encoding')") from None
    return load_text(text.removeprefix("\ufeff"), name, limits, kind=kind)


def load_text(text: str, name: str, limits: Limits = Limits(), *,
              kind: str = "process") -> Document:
    """Load YAML text into a Document whose top level is a mapping.

    `kind` (a key of KINDS) names the file in errors and picks the hint.
    """
    what, how = KINDS[kind]
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        raise InputError.at(name, 1, 1, "the file is empty", how)
    loader = Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        raise InputError.at(name, line, col, f"YAML syntax error: {problem}",
                            _syntax_hint(f"{exc.context} {problem}")) from None
    except yaml.YAMLError as exc:  # ReaderError: control characters and the like
        pos = getattr(exc, "position", 0) or 0
        line = text.count("\n", 0, pos) + 1
        col = pos - (text.rfind("\n", 0, pos) + 1) + 1
        raise InputError.at(name, line, col, f"unreadable character: {exc}",
                            "remove control characters from the file") from None
    finally:
        loader.dispose()
    if node is None:
        raise InputError.at(name, 1, 1, "the file holds no YAML document", how)
    walker = _Walker(name, limits)
    data = walker.value(node, (), 0)
    if not isinstance(data, dict):
        line, col = _pos(node)
        raise InputError.at(name, line, col,
                            f"the top level is a {_kind(node)}, but {what} must be a mapping",
                            how)
    return Document(name, data, walker.positions)


def _syntax_hint(problem: str) -> str:
    if "nesting depth" in problem:
        return "flatten the structure: cxaudit reads at most 64 levels of nesting"
    if "tab" in problem:
        return "indent with spaces, not tabs"
    if "mapping values are not allowed" in problem:
        return "quote values that contain ': ' (for example \"Note: we reply by 18:00\")"
    if "document" in problem:
        return "keep one document per file (remove the extra `---`)"
    return "check indentation and quoting around this position"


def _pos(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _kind(node: Node) -> str:
    if isinstance(node, SequenceNode):
        return "list"
    if isinstance(node, ScalarNode):
        return "scalar value"
    return "mapping"


class _Walker:
    """Turns a node tree into plain values, enforcing depth, size and type limits."""

    def __init__(self, name: str, limits: Limits) -> None:
        self.name = name
        self.limits = limits
        self.nodes = 0
        self.positions: dict[DocPath, tuple[int, int]] = {(): (1, 1)}

    def fail(self, node: Node, message: str, hint: str) -> InputError:
        line, col = _pos(node)
        return InputError.at(self.name, line, col, message, hint)

    def value(self, node: Node, path: DocPath, depth: int) -> Any:
        self.nodes += 1
        if self.nodes > self.limits.max_nodes:
            raise self.fail(node, f"the document expands to more than {self.limits.max_nodes:,} "
                            "values (an alias bomb?)", "do not nest anchors and aliases "
                            "(&name / *name) inside each other")
        if depth > self.limits.max_depth:
            raise self.fail(node, f"nesting is deeper than {self.limits.max_depth} levels",
                            "flatten the structure; a recursive alias can also cause this")
        if node.tag not in SAFE_TAGS:
            raise self.fail(node, f"the tag {node.tag!r} is not allowed",
                            "remove the tag: cxaudit only reads plain YAML values")
        if isinstance(node, ScalarNode):
            return self.scalar(node)
        if isinstance(node, SequenceNode):
            if node.tag != SEQ:
                raise self.fail(node, f"tag {node.tag!r} cannot be used on a list", "remove the tag")
            out = []
            positions = self.positions
            for i, item in enumerate(node.value):
                mark = item.start_mark
                positions[path + (i,)] = (mark.line + 1, mark.column + 1)
                if item.tag == STR and type(item) is ScalarNode:
                    self.nodes += 1
                    out.append(item.value)
                else:
                    out.append(self.value(item, path + (i,), depth + 1))
            return out
        if node.tag != MAP:
            raise self.fail(node, f"tag {node.tag!r} cannot be used on a mapping", "remove the tag")
        # a composed node that is neither a scalar nor a sequence is a mapping
        return self.mapping(cast(MappingNode, node), path, depth)

    def mapping(self, node: MappingNode, path: DocPath, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        merged: dict[str, Any] = {}
        positions = self.positions
        for key_node, value_node in node.value:
            if key_node.tag == STR and type(key_node) is ScalarNode:
                self.nodes += 1
                key = key_node.value  # the common case, without a call per key
            else:
                key = self.value(key_node, path, depth + 1) if isinstance(
                    key_node, ScalarNode) else None
            if key == "<<" and key_node.tag == STR and not key_node.style:
                merged.update(self.merge(value_node, path, depth))
                continue
            if not isinstance(key, str):
                shown = "a list or mapping" if key is None and not isinstance(key_node, ScalarNode) \
                    else repr(key)
                raise self.fail(key_node, f"keys must be text, found {shown}",
                                f"quote the key: \"{key_node.value}\"" if isinstance(
                                    key_node, ScalarNode) else "use a plain text key")
            if key in out:
                first = self.positions[path + (key,)]
                raise self.fail(key_node, f"duplicate key {key!r} (first defined on line {first[0]})",
                                "remove one of them or merge their contents; YAML keeps only one")
            sub = path + (key,)
            mark = key_node.start_mark
            positions[sub] = (mark.line + 1, mark.column + 1)
            if value_node.tag == STR and type(value_node) is ScalarNode:
                self.nodes += 1
                out[key] = value_node.value  # plain text needs no checks beyond its tag
            else:
                out[key] = self.value(value_node, sub, depth + 1)
        for key, val in merged.items():
            out.setdefault(key, val)
        return out

    def merge(self, node: Node, path: DocPath, depth: int) -> dict[str, Any]:
        sources = node.value if isinstance(node, SequenceNode) else [node]
        result: dict[str, Any] = {}
        for src in reversed(sources):
            if not isinstance(src, MappingNode):
                raise self.fail(src, "a merge key `<<` needs a mapping or a list of mappings",
                                "write `<<: *anchor` where &anchor names a mapping")
            result.update(self.mapping(src, path, depth + 1))
        return result

    def scalar(self, node: ScalarNode) -> Any:
        text, tag = node.value, node.tag
        try:
            if tag == STR:
                return text
            if tag == NULL:
                if NULL_RE.match(text):
                    return None
                raise ValueError
            if tag == BOOL:
                if BOOL_RE.match(text):
                    return text.lower() == "true"
                raise ValueError
            if tag == INT:
                return int(text, 0) if text[:2] in ("0o", "0x") else int(text)
            if tag == FLOAT:
                return float(text.replace(".inf", "inf").replace(".Inf", "inf")
                             .replace(".INF", "inf").replace(".nan", "nan").replace(".NaN", "nan")
                             .replace(".NAN", "nan"))
            if DATE_RE.match(text):  # DATE: keep the ISO text, but refuse impossible dates
                date.fromisoformat(text)
                return text
            return text
        except ValueError:
            if tag == DATE:
                from cxaudit.document.dates import date_hint

                raise self.fail(node, f"{text!r} is not a real calendar date",
                                date_hint(text)) from None
            raise self.fail(node, f"{text!r} is not a valid {tag.rsplit(':', 1)[-1]}",
                            "remove the explicit tag or fix the value") from None
