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
from cxaudit.i18n import N_, _
from cxaudit.i18n.formats import grouped

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
# (English here; `_()` says them in the run's language where they are used)
KINDS = {
    "process": (N_("a process description"),
                N_("start the file with `apiVersion: cxaudit/v1` and "
                   "`kind: CustomerServiceProcess`; examples/ holds complete files")),
    "waivers": (N_("a waivers file"),
                N_("put the entries in a list under a top-level `waivers:` key "
                   "(see `cxaudit schema waivers`)")),
    "config": (N_("a configuration file"),
               N_("write the settings as `key: value` pairs (see `cxaudit schema config`)")),
    "rule": (N_("a rule file"), N_("see `cxaudit schema rule` and the files in rules/core/")),
    "legal": (N_("a legal table"), N_("see rules/data/legal/README.md")),
    "translation": (N_("a rule translation file"),
                    N_("see `cxaudit schema translation` and rules/core/i18n/README.md")),
    "answers": (N_("an answers file"), N_("write the answers under a top-level `answers:` key, "
                                          "as `cxaudit init` saves them (its --template files "
                                          "are examples)")),
    "questions": (N_("a questionnaire"), N_("see cxaudit/init/questions.yaml")),
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
        raise InputError.at(name, 0, 0, _("is a directory, not a {what}").format(what=_(what)),
                            _("name the file inside it")) from None
    except OSError as exc:
        raise InputError.at(name, 0, 0, _("cannot read {what}: {error}").format(
            what=_(what), error=exc.strerror), _("check the path and the file permissions")) \
            from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            folder = stat.S_ISDIR(st.st_mode)
            kind = _("a directory") if folder else _("a pipe") if stat.S_ISFIFO(
                st.st_mode) else _("a device") if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(
                st.st_mode) else _("not a regular file")
            raise InputError.at(name, 0, 0, _("is {kind}, not a {what}").format(
                kind=kind, what=_(what)), _("pass a regular file") if folder else
                _("pass a regular file (save the stream to a file first)"))
        if st.st_size > max_bytes:
            raise _too_big(name, _("{what} is {size} bytes").format(
                what=_(what), size=grouped(st.st_size)), max_bytes, option)
        with os.fdopen(os.dup(fd), "rb") as fh:
            raw = fh.read(max_bytes + 1)
    finally:
        os.close(fd)
    if len(raw) > max_bytes:
        raise _too_big(name, _("{what} grew past {limit} bytes while it was read").format(
            what=_(what), limit=grouped(max_bytes)), max_bytes, option, grew=True)
    return raw


def _too_big(name: str, said: str, max_bytes: int, option: str,
             grew: bool = False) -> InputError:
    over = "" if grew else _(", over the limit of {limit} bytes").format(
        limit=grouped(max_bytes))
    hint = (_("split it into one file per service unit, or raise --max-file-size")
            if option == "--max-file-size" else option)
    return InputError.at(name, 0, 0, said + over, hint)


def load_file(path: str | os.PathLike[str], limits: Limits = Limits(), *,
              kind: str = "process") -> Document:
    """Read and load one YAML file, refusing anything unsafe or malformed."""
    what = N_("file") if kind == "process" else KINDS[kind][0].removeprefix("a ")
    option = "--max-file-size" if kind == "process" else \
        _("{what} over {limit} bytes is not supported; split it").format(
            what=_(KINDS[kind][0]), limit=grouped(limits.max_bytes))
    raw = read_limited(path, limits.max_bytes, what=what, option=option)
    return load_bytes(raw, os.fspath(path), limits, kind=kind)


def load_bytes(raw: bytes, name: str, limits: Limits = Limits(), *,
               kind: str = "process") -> Document:
    """Decode UTF-8 strictly, then load."""
    if len(raw) > limits.max_bytes:
        raise InputError.at(name, 0, 0, _("document is over the limit of {limit} bytes").format(
            limit=grouped(limits.max_bytes)), _("raise --max-file-size if this is intended"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError.at(name, line, col, _("invalid UTF-8 byte {byte}").format(
            byte=f"0x{raw[exc.start]:02x}"),
            _("save the file as UTF-8 (most editors: 'Save with encoding')")) from None
    return load_text(text.removeprefix("\ufeff"), name, limits, kind=kind)


def load_text(text: str, name: str, limits: Limits = Limits(), *,
              kind: str = "process") -> Document:
    """Load YAML text into a Document whose top level is a mapping.

    `kind` (a key of KINDS) names the file in errors and picks the hint.
    """
    what, how = (_(t) for t in KINDS[kind])
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        raise InputError.at(name, 1, 1, _("the file is empty"), how)
    loader = Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        raise InputError.at(name, line, col, _("YAML syntax error: {problem}").format(
                            problem=problem),
                            _syntax_hint(f"{exc.context} {problem}")) from None
    except yaml.YAMLError as exc:  # ReaderError: control characters and the like
        pos = getattr(exc, "position", 0) or 0
        line = text.count("\n", 0, pos) + 1
        col = pos - (text.rfind("\n", 0, pos) + 1) + 1
        raise InputError.at(name, line, col, _("unreadable character: {error}").format(error=exc),
                            _("remove control characters from the file")) from None
    finally:
        loader.dispose()
    if node is None:
        raise InputError.at(name, 1, 1, _("the file holds no YAML document"), how)
    walker = _Walker(name, limits)
    data = walker.value(node, (), 0)
    if not isinstance(data, dict):
        line, col = _pos(node)
        raise InputError.at(name, line, col,
                            _("the top level is a {kind}, but {what} must be a mapping").format(
                                kind=_kind(node), what=what),
                            how)
    return Document(name, data, walker.positions)


def _syntax_hint(problem: str) -> str:
    if "nesting depth" in problem:
        return _("flatten the structure: cxaudit reads at most 64 levels of nesting")
    if "tab" in problem:
        return _("indent with spaces, not tabs")
    if "mapping values are not allowed" in problem:
        return _("quote values that contain ': ' (for example \"Note: we reply by 18:00\")")
    if "document" in problem:
        return _("keep one document per file (remove the extra `---`)")
    return _("check indentation and quoting around this position")


def _pos(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _kind(node: Node) -> str:
    if isinstance(node, SequenceNode):
        return _("list")
    if isinstance(node, ScalarNode):
        return _("scalar value")
    return _("mapping")


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
            raise self.fail(node, _("the document expands to more than {n} values (an alias "
                                    "bomb?)").format(n=grouped(self.limits.max_nodes)),
                            _("do not nest anchors and aliases (&name / *name) inside each "
                              "other"))
        if depth > self.limits.max_depth:
            raise self.fail(node, _("nesting is deeper than {n} levels").format(
                n=self.limits.max_depth),
                _("flatten the structure; a recursive alias can also cause this"))
        if node.tag not in SAFE_TAGS:
            raise self.fail(node, _("the tag {tag!r} is not allowed").format(tag=node.tag),
                            _("remove the tag: cxaudit only reads plain YAML values"))
        if isinstance(node, ScalarNode):
            return self.scalar(node)
        if isinstance(node, SequenceNode):
            if node.tag != SEQ:
                raise self.fail(node, _("tag {tag!r} cannot be used on a list").format(
                    tag=node.tag), _("remove the tag"))
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
            raise self.fail(node, _("tag {tag!r} cannot be used on a mapping").format(
                tag=node.tag), _("remove the tag"))
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
                shown = _("a list or mapping") if key is None and not isinstance(
                    key_node, ScalarNode) else repr(key)
                raise self.fail(key_node, _("keys must be text, found {shown}").format(
                    shown=shown), _("quote the key: \"{key}\"").format(key=key_node.value)
                    if isinstance(key_node, ScalarNode) else _("use a plain text key"))
            if key in out:
                first = self.positions[path + (key,)]
                raise self.fail(key_node, _("duplicate key {key!r} (first defined on line "
                                            "{line})").format(key=key, line=first[0]),
                                _("remove one of them or merge their contents; YAML keeps only "
                                  "one"))
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
                raise self.fail(src, _("a merge key `<<` needs a mapping or a list of mappings"),
                                _("write `<<: *anchor` where &anchor names a mapping"))
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

                raise self.fail(node, _("{value!r} is not a real calendar date").format(
                    value=text), date_hint(text)) from None
            raise self.fail(node, _("{text!r} is not a valid {kind}").format(
                text=text, kind=tag.rsplit(":", 1)[-1]),
                _("remove the explicit tag or fix the value")) from None
