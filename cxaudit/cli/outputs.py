"""Where each report goes: pair `--format` and `--output` so no format lands in another's file.

- `-f sarif=results.sarif` names the file of one format explicitly (always wins);
- `-o results.sarif` alone takes its format from the extension (.sarif, .codequality.json
  for GitLab, .json, .md, .html, .xml or .junit.xml, .txt); GitHub annotations have no
  extension of their own: they go to standard output, or to `-f github=FILE`;
- `-f sarif -o results.sarif` pairs the two by that extension, in any order;
- a file whose extension is unknown pairs only when it is the one file left for the one format
  left (`-f md -o summary`);
- what is left without a file goes to standard output: at most one format.

Everything else (a file that looks like another format, two formats on stdout, one file twice)
is a usage error: cxaudit refuses to guess.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from cxaudit.errors import UsageError
from cxaudit.i18n import _

EXTENSIONS = ((".sarif.json", "sarif"), (".codequality.json", "gitlab"),
              (".junit.xml", "junit"), (".sarif", "sarif"),
              (".json", "json"), (".md", "md"), (".markdown", "md"), (".html", "html"),
              (".htm", "html"), (".xml", "junit"), (".txt", "text"), (".text", "text"))


@dataclass(frozen=True)
class Target:
    """One report to write: its format and its file (None: standard output)."""

    fmt: str
    path: Path | None


def format_of(path: Path) -> str | None:
    """The format a file name announces by its extension, or None."""
    name = path.name.lower()
    return next((fmt for ext, fmt in EXTENSIONS if name.endswith(ext)), None)


def _name(value: str, known: Sequence[str], aliases: Mapping[str, str]) -> str:
    fmt = aliases.get(value.strip().lower(), value.strip().lower())
    if fmt not in known:
        raise UsageError.at("--format", 0, 0, _("unknown format {value!r}").format(value=value),
                            _("use one of {names}").format(names=", ".join(sorted(known))))
    return fmt


def plan(formats: Sequence[str], outputs: Sequence[Path], known: Sequence[str],
         aliases: Mapping[str, str] | None = None, default: str = "text") -> list[Target]:
    """The reports to write for these `-f` and `-o` options, or a UsageError."""
    aliases = aliases or {}
    targets: list[Target] = []
    bare: list[str] = []
    for value in formats:
        fmt, sep, file = value.partition("=")
        if sep and not file.strip():
            raise UsageError.at("--format", 0, 0, _("{value!r} names no file").format(value=value),
                                _("write -f {fmt}=FILE, or -f {fmt} for standard output").format(
                                    fmt=fmt))
        if sep:
            targets.append(Target(_name(fmt, known, aliases), Path(file.strip())))
        else:
            bare.append(_name(fmt, known, aliases))
    left = list(bare)
    unnamed: list[Path] = []
    for out in outputs:
        announced = format_of(out)
        if announced is None:
            unnamed.append(out)
            continue
        fmt = announced
        if fmt in left:
            left.remove(fmt)
            targets.append(Target(fmt, out))
        elif not bare and fmt in known:
            targets.append(Target(fmt, out))
        else:
            asked = ", ".join(bare)
            if fmt not in known:
                raise UsageError.at(str(out), 0, 0, _("the file name says {fmt}, which this "
                                                      "command does not write").format(fmt=fmt),
                                    _("use one of {names} with a matching name").format(
                                        names=", ".join(known)))
            raise UsageError.at(str(out), 0, 0, _("the file name says {fmt}, but the formats "
                                                  "asked for are {asked}: which one goes into "
                                                  "this file?").format(fmt=fmt, asked=asked),
                                _("add -f {fmt}, or write -f {other}={out} to put {other} into "
                                  "it anyway").format(fmt=fmt, other=bare[0], out=out))
    if unnamed:
        if len(unnamed) == 1 and len(left) == 1:
            targets.append(Target(left.pop(), unnamed[0]))
        else:
            raise UsageError.at(str(unnamed[0]), 0, 0, _("cannot tell which format to write "
                                                         "into this file from its name"),
                                _("write -f FORMAT={out}, or use an extension: .sarif, "
                                  ".codequality.json, .json, .md, .html, .xml, .txt").format(
                                      out=unnamed[0]))
    if len(left) > 1:
        said = _("{names} would both be written to standard output, one after the other") \
            if len(left) == 2 else \
            _("{names} would all be written to standard output, one after the other")
        raise UsageError.at("--format", 0, 0, said.format(names=_(" and ").join(left)),
                            _("give each its own file, e.g. -f {fmt}=report.{fmt}").format(
                                fmt=left[-1]))
    if not formats and not outputs:
        left = [default]
    targets.extend(Target(f, None) for f in left)
    seen: set[str] = set()
    for t in targets:
        if t.path is not None:
            key = os.path.normcase(os.path.abspath(t.path))
            if key in seen:
                raise UsageError.at(str(t.path), 0, 0, _("two reports would be written to "
                                                         "this file"),
                                    _("give each format its own file"))
            seen.add(key)
    return targets


def use_color(flag: bool | None, terminal: bool, environ: Mapping[str, str]) -> bool:
    """Colour for a text report: --color/--no-color, else NO_COLOR (no-color.org) turns it off
    and FORCE_COLOR (force-color.org) on, else only on a terminal."""
    if flag is not None:
        return flag
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR"):
        return True
    return terminal


__all__ = ["EXTENSIONS", "Target", "format_of", "plan", "use_color"]
