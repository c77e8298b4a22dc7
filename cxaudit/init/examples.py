"""The example process files shipped with cxaudit: list them, show one, copy one to work on.

A copy gets an editor line that points at a schema beside it (`./cxaudit.schema.json`,
written there too), so completion and validation keep working wherever it is copied.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cxaudit.errors import UsageError
from cxaudit.i18n import N_, _, ngettext
from cxaudit.init.build import MODELINE
from cxaudit.init.files import schema_beside, write_new

MODELINE_START = "# yaml-language-server:"


def examples_dir() -> Path:
    """The bundled examples: in the wheel, or examples/ in a source checkout."""
    from cxaudit import resources

    return resources.examples_dir()


@dataclass(frozen=True)
class Example:
    """One example: a file, or a directory of units audited together."""

    name: str
    files: tuple[Path, ...]  # the process files, relative to the examples directory
    title: str


def _title(path: Path) -> str:
    """The example's process.name (its file name when it has none)."""
    from cxaudit.document.loading import load_file

    process = load_file(path).data.get("process")
    name = process.get("name") if isinstance(process, dict) else None
    return str(name) if name else path.stem


def catalogue() -> list[Example]:
    """Every example, by name."""
    root = examples_dir()
    out = [Example(p.stem, (p.relative_to(root),), _title(p)) for p in root.glob("*.yaml")]
    for d in sorted(p for p in root.iterdir() if p.is_dir()):
        files = tuple(sorted(f.relative_to(root) for f in d.glob("*.yaml")))
        if files:
            titles = ", ".join(_title(root / f) for f in files)
            out.append(Example(d.name, files, ngettext("{n} unit: {titles}", "{n} units: {titles}",
                                                       len(files)).format(n=len(files),
                                                                          titles=titles)))
    return sorted(out, key=lambda e: e.name)


def find(name: str) -> Example:
    """The example called `name` (`online-shop`, `online-shop.yaml`); UsageError otherwise."""
    import difflib

    key = name.removesuffix(".yaml").removesuffix(".yml").rstrip("/")
    known = {e.name: e for e in catalogue()}
    if key in known:
        return known[key]
    close = difflib.get_close_matches(key, list(known), n=1)
    raise UsageError.at(name, 0, 0, _("no example is called {name!r}").format(name=name),
                        (_("did you mean {close!r}?").format(close=close[0]) + " " if close
                         else "") + _("known: {names} (`cxaudit examples list`)").format(
                             names=", ".join(known)))


def portable(text: str) -> str:
    """The example's text with its editor line pointing at a schema beside the copy."""
    first, nl, rest = text.partition("\n")
    if first.startswith(MODELINE_START):
        return f"{MODELINE}{nl}{rest}"
    return f"{MODELINE}\n{text}"


def show(name: str) -> str:
    """The example's text (each unit headed by its file name when there are several)."""
    ex = find(name)
    root = examples_dir()
    if len(ex.files) == 1:
        return (root / ex.files[0]).read_text(encoding="utf-8")
    return "".join(f"# --- {f.as_posix()}\n" + (root / f).read_text(encoding="utf-8")
                   for f in ex.files)


def copy(name: str, directory: Path, force: bool = False) -> list[Path]:
    """Copy an example into `directory` (with its schema); returns the files written."""
    ex = find(name)
    root = examples_dir()
    if not directory.is_dir():
        raise UsageError.at(str(directory), 0, 0, _("no such directory"),
                            _("create it first, or name an existing directory"))
    targets = [(directory / f, root / f) for f in ex.files]
    clash = [t for t, _ in targets if t.exists()]
    if clash and not force:
        raise UsageError.at(str(clash[0]), 0, 0, _("{path} already exists").format(path=clash[0]),
                            _("pass --force to replace it, or copy into another directory"))
    written: list[Path] = []
    for target, source in targets:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_new(target, portable(source.read_text(encoding="utf-8")), force, N_("example"))
        written.append(target)
        schema, state = schema_beside(target)
        if state == "written":
            written.append(schema)
    return written
