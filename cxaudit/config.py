"""Project configuration: `.cxaudit.yaml` or `[tool.cxaudit]` in `pyproject.toml`.

Discovery starts in the current directory and walks up to the filesystem root; the first
directory holding `.cxaudit.yaml`, `.cxaudit.yml` or a `pyproject.toml` with a `[tool.cxaudit]`
table wins. Within one directory that order also decides (a YAML file wins over pyproject.toml,
and the run says which file it read when both exist). Paths in the file are relative to its
directory. The rule settings (enable, disable, severity, params) are checked against the loaded
rules, so an unknown id or parameter is an error at its line with a did-you-mean.
"""

from __future__ import annotations

import difflib
import json
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from fnmatch import fnmatchcase
from functools import lru_cache
from pathlib import Path
from typing import Any

from cxaudit import resources
from cxaudit.durations import DurationError, parse_cadence, parse_duration
from cxaudit.errors import InputError, Problem
from cxaudit.findings import Kind, RuleResult, Severity, Status
from cxaudit.loading import DocPath, Document, format_path
from cxaudit.rulepacks import Rule

YAML_NAMES = (".cxaudit.yaml", ".cxaudit.yml")
PYPROJECT = "pyproject.toml"
WAIVERS_NAME = ".cxaudit-waivers.yaml"


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

    def problem(self, path: DocPath, message: str, hint: str) -> Problem:
        """A problem positioned at `path` of the file (or its nearest ancestor)."""
        return Problem(self.file, *self.document().locate(path), message, hint)

    def document(self) -> Document:
        """The config as a Document (for positioned validation)."""
        return Document(self.file, dict(self.data), dict(self.positions))

    def severity_overrides(self) -> dict[str, Severity]:
        """Rule id -> the severity its violations get."""
        return {k.upper(): Severity(v) for k, v in (self.data.get("severity") or {}).items()}


def find(start: str | os.PathLike[str] = ".") -> Path | None:
    """The config file that applies in `start`: the nearest one going upwards, or None."""
    here = Path(start).resolve()
    for directory in (here, *here.parents):
        for name in YAML_NAMES:
            if (directory / name).is_file():
                return directory / name
        pyproject = directory / PYPROJECT
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


def _has_tool_table(pyproject: Path) -> bool:
    try:
        text = pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return re.search(r"^\s*\[\s*tool\s*\.\s*cxaudit\s*[\].]", text, re.MULTILINE) is not None


def discover(start: str | os.PathLike[str] = ".") -> Config:
    """Load the nearest config, or an empty one when there is none."""
    found = find(start)
    if found is None:
        return Config()
    cfg = load(found)
    other = found.parent / PYPROJECT
    if found.name != PYPROJECT and other.is_file() and _has_tool_table(other):
        cfg = replace(cfg, note=f"cxaudit: using {found}; [tool.cxaudit] in {other} is ignored "
                                "(a .cxaudit.yaml wins in the same directory)")
    return cfg


def load(path: str | os.PathLike[str]) -> Config:
    """Load and schema-check one config file (.cxaudit.yaml/.yml or pyproject.toml)."""
    name = os.fspath(path)
    try:
        text = Path(name).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError.at(name, 0, 0, "config file not found",
                            "check the --config path") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError.at(name, 0, 0, f"cannot read config file: {exc}",
                            "save it as UTF-8 and check its permissions") from None
    if Path(name).suffix == ".toml":
        from cxaudit.tomlconfig import load_pyproject

        data, positions = load_pyproject(text, name)
    else:
        data, positions = _load_yaml(text, name)
    cfg = Config(name, data, positions)
    _check_schema(cfg)
    return cfg


def _load_yaml(text: str, name: str) -> tuple[dict[str, Any], dict[DocPath, tuple[int, int]]]:
    from cxaudit.loading import load_text

    if all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        return {}, {(): (1, 1)}  # an empty config means "all defaults"
    try:
        doc = load_text(text, name)
    except InputError as exc:
        first = exc.problems[0]
        if first.message.startswith("the top level is"):
            raise InputError.at(name, first.line, first.column, "a config file must be a "
                                "mapping of settings", "write settings as `key: value` lines, "
                                "for example `fail_on: medium`") from None
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
    from cxaudit.schemacheck import compile_schema

    if compile_schema(schema)(doc.data):
        return
    from cxaudit.validate import explain

    generic = ("see `cxaudit schema`", "start the file with `apiVersion")
    problems = [replace(p, hint=f"see `cxaudit schema {name}` for the expected shape")
                if p.hint.startswith(generic) else p for p in explain(doc, schema)]
    if problems:
        raise InputError(problems)


# --- rule settings --------------------------------------------------------------------------

_PARAM_TYPES: dict[str, Callable[[Any], bool]] = {
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "list": lambda v: isinstance(v, list),
}


def configure(rules: Sequence[Rule], cfg: Config) -> tuple[Rule, ...]:
    """The rules as configured: selected, severities replaced, params merged (all checked)."""
    if not cfg.data:
        return tuple(rules)
    by_id = {r.id: r for r in rules}
    problems: list[Problem] = []
    selected = set(by_id)
    if "enable" in cfg.data:
        selected = set()
        for i, pattern in enumerate(cfg.data["enable"]):
            selected |= _matching(cfg, ("enable", i), pattern, by_id, problems)
    for i, pattern in enumerate(cfg.data.get("disable", ())):
        selected -= _matching(cfg, ("disable", i), pattern, by_id, problems)
    out = dict(by_id)
    for rule_id, overrides in (cfg.data.get("params") or {}).items():
        rule = _known(cfg, ("params", rule_id), rule_id, by_id, problems)
        if rule is not None and _params_ok(cfg, rule, rule_id, overrides, problems):
            out[rule.id] = rule.with_params(overrides)
    for rule_id, sev in cfg.severity_overrides().items():
        key = next(k for k in cfg.data["severity"] if k.upper() == rule_id)
        rule = _known(cfg, ("severity", key), key, by_id, problems)
        if rule is not None:
            current = out[rule.id]
            out[rule.id] = replace(current, severity=sev, severity_when=tuple(
                (cond, s if s is Severity.INFO else sev) for cond, s in current.severity_when))
    if problems:
        raise InputError(sorted(problems, key=lambda p: (p.line, p.column)))
    return tuple(out[i] for i in sorted(selected))


def rerate(results: tuple[RuleResult, ...],
           overrides: Mapping[str, Severity]) -> tuple[RuleResult, ...]:
    """Results with the configured severity on every violation a rule did not rate as a note.

    Check functions may rate a finding themselves; the override still wins, so the configured
    severity is what every non-note violation of that rule gets.
    """
    if not overrides:
        return results
    out = []
    for res in results:
        sev = overrides.get(res.rule_id)
        if sev is None or not res.findings:
            out.append(res)
            continue
        findings = tuple(replace(f, severity=sev) if f.kind is Kind.VIOLATION
                         and f.severity is not Severity.INFO else f for f in res.findings)
        status = res.status
        if status is Status.FAILED and sev is Severity.INFO:
            status = Status.NEEDS_EVIDENCE if any(
                f.kind is Kind.NEEDS_EVIDENCE for f in findings) else Status.PASSED
        out.append(replace(res, findings=findings, status=status))
    return tuple(out)


def _did_you_mean(word: str, known: Sequence[str]) -> str:
    close = suggest(word, known)
    return f"did you mean {close}?" if close else ""


def suggest(word: str, known: Sequence[str]) -> str | None:
    """The closest known name; rule ids with the same prefix and number come first
    (RESP-01 and RESP-0001 mean RESP-001, not RESP-010)."""
    m = re.fullmatch(r"([A-Za-z]+)-?0*(\d+)", word)
    if m:
        for k in known:
            n = re.fullmatch(r"([A-Za-z]+)-0*(\d+)", k)
            if n and n.group(1).upper() == m.group(1).upper() and n.group(2) == m.group(2):
                return k
    close = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
    return close[0] if close else None


def _known(cfg: Config, where: DocPath, rule_id: str, by_id: Mapping[str, Rule],
           problems: list[Problem]) -> Rule | None:
    rule = by_id.get(rule_id.upper())
    if rule is None:
        hint = _did_you_mean(rule_id.upper(), sorted(by_id)) or \
            "`cxaudit rules list` shows every rule id (custom packs: add --rules DIR)"
        problems.append(cfg.problem(where, f"{format_path(where[:1])}: unknown rule id "
                                    f"{rule_id!r}", hint))
    return rule


def _matching(cfg: Config, where: DocPath, pattern: str, by_id: Mapping[str, Rule],
              problems: list[Problem]) -> set[str]:
    if not any(ch in pattern for ch in "*?["):
        rule = _known(cfg, where, pattern, by_id, problems)
        return {rule.id} if rule else set()
    found = {i for i in by_id if fnmatchcase(i, pattern.upper())}
    if not found:
        problems.append(cfg.problem(where, f"{where[0]}: pattern {pattern!r} matches no rule",
                                    "`cxaudit rules list` shows every rule id"))
    return found


def _params_ok(cfg: Config, rule: Rule, key: str, overrides: Mapping[str, Any],
               problems: list[Problem]) -> bool:
    before = len(problems)
    for name, value in overrides.items():
        where = ("params", key, name)
        kind = rule.param_types.get(name)
        if kind is None:
            known = sorted(rule.params)
            hint = _did_you_mean(name, known) or (
                f"{rule.id} has the parameters {', '.join(known)}" if known
                else f"{rule.id} has no parameters")
            problems.append(cfg.problem(where, f"params.{key}: rule {rule.id} has no "
                                        f"parameter {name!r}", hint))
            continue
        error = _param_error(kind, value)
        if error is not None:
            problems.append(cfg.problem(where, f"params.{key}.{name}: {value!r} is not a "
                                        f"valid {kind}", error))
    return len(problems) == before


def _param_error(kind: str, value: Any) -> str | None:
    """None when `value` has the parameter type `kind`, else a hint."""
    if kind in ("duration", "cadence"):
        parse = parse_duration if kind == "duration" else parse_cadence
        if not isinstance(value, str):
            return f"write a {kind} as text, for example 8h, 2bd or 30d"
        try:
            parse(value)
        except DurationError as exc:
            return exc.hint
        return None
    check = _PARAM_TYPES.get(kind)
    if check is None or check(value):
        return None
    return f"give a {kind} value (`cxaudit rules show` lists each parameter's default)"


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
        "baseline": None if cli.no_baseline else (cli.baseline or cfg.path("baseline")),
        "config": cfg,
    }
