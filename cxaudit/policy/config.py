"""Project configuration: `.cxaudit.yaml` or `[tool.cxaudit]` in `pyproject.toml`.

Discovery starts in the current directory and walks up, but never past the repository root (a
directory holding `.git`) or the home directory; outside both it looks in the current directory
only, so a file planted further up cannot change an audit. The first directory holding
`.cxaudit.yaml`, `.cxaudit.yml` or a `pyproject.toml` with a `[tool.cxaudit]` table wins, and
the run names the file it used on stderr. Within one directory that order also decides (a YAML file wins over pyproject.toml,
and the run says which file it read when both exist). Paths in the file are relative to its
directory. The rule settings (enable, disable, severity, params) are applied and checked
against the loaded rules in cxaudit.rulesettings.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from cxaudit import resources
from cxaudit.document.loading import DocPath, Document
from cxaudit.errors import InputError, Problem
from cxaudit.i18n import N_, _
from cxaudit.model.findings import Severity
from cxaudit.terminal import clean

YAML_NAMES = (".cxaudit.yaml", ".cxaudit.yml")
PYPROJECT = "pyproject.toml"
WAIVERS_NAME = ".cxaudit-waivers.yaml"
BASELINE_NAME = ".cxaudit-baseline.json"  # what `cxaudit baseline create` writes by default
MAX_CONFIG_BYTES = 1_048_576


@dataclass(frozen=True)
class Config:
    """A loaded configuration (empty when no file was found), with source positions."""

    file: str = ""
    data: Mapping[str, Any] = field(default_factory=dict)
    positions: Mapping[DocPath, tuple[int, int]] = field(default_factory=dict, repr=False)
    note: str = ""  # said on stderr, e.g. which of two files in one directory was read

    @property
    def directory(self) -> Path:
        """Where relative paths in the file start (the current directory without a file)."""
        return Path(self.file).parent if self.file else Path(".")

    def path(self, key: str) -> str | None:
        """A path setting resolved against the config's directory, or None when unset."""
        value = self.data.get(key)
        return None if value is None else os.path.normpath(self.directory / value)

    @property
    def rule_dirs(self) -> tuple[str, ...]:
        """Extra rule pack directories, resolved."""
        return tuple(os.path.normpath(self.directory / d) for d in self.data.get("rules", ()))

    @property
    def fail_on(self) -> str | None:
        """The configured fail level, if any."""
        return self.data.get("fail_on")

    @property
    def strict(self) -> bool:
        """Whether unknown classification values are errors."""
        return self.data.get("strict") is True

    @property
    def exclude(self) -> tuple[str, ...]:
        """Glob patterns of paths not to audit."""
        return tuple(str(p) for p in self.data.get("exclude", ()))

    @property
    def language(self) -> str | None:
        """The language reports are written in (`language:`), if the file sets one."""
        value = self.data.get("language")
        return None if value is None else str(value)

    @property
    def builtin_rules(self) -> bool:
        """Whether the built-in rules run."""
        return bool(self.data.get("builtin_rules", True))

    def waivers_file(self) -> str | None:
        """`waivers:` resolved, else `.cxaudit-waivers.yaml` beside the config when it exists."""
        configured = self.path("waivers")
        if configured is not None:
            return configured
        default = self.directory / WAIVERS_NAME
        return str(default) if default.is_file() else None

    def baseline_file(self) -> str | None:
        """`baseline:` resolved, else `.cxaudit-baseline.json` beside the config when it exists."""
        configured = self.path("baseline")
        if configured is not None:
            return configured
        default = self.directory / BASELINE_NAME
        return str(default) if default.is_file() else None

    def problem(self, path: DocPath, message: str, hint: str) -> Problem:
        """A problem positioned at `path` of the file (or its nearest ancestor)."""
        return Problem(self.file, *self.document().locate(path), message, hint)

    def document(self) -> Document:
        """The config as a Document (for positioned validation)."""
        return Document(self.file, dict(self.data), dict(self.positions))

    def severity_overrides(self) -> dict[str, Severity]:
        """Rule id -> the severity its violations get."""
        return {k.upper(): Severity(v) for k, v in (self.data.get("severity") or {}).items()}


def _home() -> Path | None:
    try:
        return Path.home().resolve()
    except (RuntimeError, OSError):  # no $HOME and no password entry
        return None


def search_root(start: str | os.PathLike[str] = ".") -> Path:
    """The last directory discovery looks in: the repository root (a directory holding `.git`)
    or the home directory, whichever comes first going up; outside both, `start` itself."""
    here = Path(start).resolve()
    home = _home()
    for directory in (here, *here.parents):
        if (directory / ".git").exists() or directory == home:
            return directory
    return here


def find(start: str | os.PathLike[str] = ".") -> Path | None:
    """The config file that applies in `start`: the nearest one going up to `search_root`."""
    here = Path(start).resolve()
    last = search_root(here)
    for directory in (here, *here.parents):
        for name in YAML_NAMES:
            if (directory / name).is_file():
                return directory / name
        pyproject = directory / PYPROJECT
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
        if directory == last:
            break
    return None


def shown(path: str | os.PathLike[str]) -> str:
    """A config path as messages and reports show it: relative to the working directory."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return os.fspath(path)


def _read(path: str | os.PathLike[str]) -> bytes:
    """A configuration file's bytes, refused over MAX_CONFIG_BYTES or when not a regular file."""
    from cxaudit.document.loading import read_limited

    return read_limited(path, MAX_CONFIG_BYTES, what=N_("configuration file"),
                        option="a configuration file this large is not supported; pass "
                               "--no-config or --config FILE")


def _has_tool_table(pyproject: Path) -> bool:
    try:
        text = _read(pyproject).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return re.search(r"^\s*\[\s*tool\s*\.\s*cxaudit\s*[\].]", text, re.MULTILINE) is not None


def discover(start: str | os.PathLike[str] = ".") -> Config:
    """Load the nearest config, or an empty one when there is none."""
    found = find(start)
    if found is None:
        return Config()
    cfg = load(found)
    other = found.parent / PYPROJECT
    note = "cxaudit: " + _("using configuration {file}").format(file=clean(shown(found)))
    if found.name != PYPROJECT and other.is_file() and _has_tool_table(other):
        note += _("; [tool.cxaudit] in {file} is ignored (a .cxaudit.yaml wins in the same "
                  "directory)").format(file=clean(shown(other)))
    return replace(cfg, note=note)


def load(path: str | os.PathLike[str]) -> Config:
    """Load and schema-check one config file (.cxaudit.yaml/.yml or pyproject.toml)."""
    name = os.fspath(path)
    if not os.path.lexists(name):
        raise InputError.at(name, 0, 0, _("config file not found"), _("check the --config path"))
    try:
        text = _read(name).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError.at(name, 0, 0, _("cannot read config file: {error}").format(error=exc),
                            _("save it as UTF-8 and check its permissions")) from None
    if Path(name).suffix == ".toml":
        from cxaudit.policy.tomlconfig import load_pyproject

        data, positions = load_pyproject(text, name)
    else:
        data, positions = _load_yaml(text, name)
    cfg = Config(name, data, positions)
    _check_schema(cfg)
    return cfg


def _load_yaml(text: str, name: str) -> tuple[dict[str, Any], dict[DocPath, tuple[int, int]]]:
    from cxaudit.document.loading import load_text

    if all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        return {}, {(): (1, 1)}  # an empty config means "all defaults"
    try:
        doc = load_text(text, name, kind="config")
    except InputError as exc:
        first = exc.problems[0]
        if first.message.startswith(_("the top level is a {kind}, but {what} must be a "
                                      "mapping").split("{", 1)[0]):
            raise InputError.at(name, first.line, first.column, _("a config file must be a "
                                                                  "mapping of settings"),
                                _("write settings as `key: value` lines, for example "
                                  "`fail_on: medium`")) from None
        raise
    return doc.data, doc.positions


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The configuration JSON Schema."""
    result: dict[str, Any] = json.loads(resources.schema_text("config.schema.json"))
    return result


def _check_schema(cfg: Config) -> None:
    check_schema(cfg.document(), schema(), "config")


def check_schema(doc: Document, schema: dict[str, Any], name: str) -> None:
    """Raise InputError with every problem of `doc` against one of our schemas (`name`)."""
    from cxaudit.document.schemacheck import compile_schema

    if compile_schema(schema)(doc.data):
        return
    from cxaudit.model.validate import explain, shape_hint, start_hint

    generic = (shape_hint(), start_hint())
    problems = [replace(p, hint=_("see `cxaudit schema {name}` for the expected shape").format(
                    name=name)) if p.hint in generic else p for p in explain(doc, schema)]
    if problems:
        raise InputError(problems)


# --- merging with the command line ----------------------------------------------------------

@dataclass(frozen=True)
class CommandLine:
    """What the command line says; None (or the default) where an option was not given."""

    fail_on: str | None = None
    rule_dirs: tuple[str, ...] = ()
    builtin_rules: bool = True  # False: --no-builtin-rules
    legal_data: str | None = None
    waivers: str | None = None
    no_waivers: bool = False
    baseline: str | None = None
    no_baseline: bool = False
    strict: bool = False  # --strict
    exclude: tuple[str, ...] = ()  # --exclude
    language: str | None = None  # --lang


def option_values(cfg: Config, cli: CommandLine) -> dict[str, Any]:
    """Keyword arguments for `api.Options`: the command line wins, then the config, then defaults.

    Rule pack directories add up (config first); `--no-builtin-rules` and
    `builtin_rules: false` each turn the built-in rules off.
    """
    waivers = None if cli.no_waivers else (cli.waivers or cfg.waivers_file())
    return {
        "fail_on": cli.fail_on or cfg.fail_on or "high",
        "rule_dirs": cfg.rule_dirs + cli.rule_dirs,
        "builtin_rules": cli.builtin_rules and cfg.builtin_rules,
        "legal_data": cli.legal_data or cfg.path("legal_data"),
        "waivers": waivers,
        "baseline": None if cli.no_baseline else (cli.baseline or cfg.baseline_file()),
        "config": cfg,
        "strict": cli.strict or cfg.strict,
        "exclude": cfg.exclude + cli.exclude,
        "language": cli.language or cfg.language or "en",
    }
