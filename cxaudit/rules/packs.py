"""Rule packs: one rule per YAML file, validated against the rule schema, compiled once."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from cxaudit import resources
from cxaudit.document.loading import Document, load_file
from cxaudit.errors import CxauditError, Problem, RulePackError
from cxaudit.model.durations import DurationError, parse_cadence, parse_duration
from cxaudit.model.findings import Severity
from cxaudit.rules.branches import Check, compile_check, compile_lets
from cxaudit.rules.conditions import (
    Compiled,
    ConditionError,
    Scope,
    Selection,
    compile_condition,
)
from cxaudit.rules.leaves import SAID
from cxaudit.rules.operators import PATTERNS_CHECKED

T = TypeVar("T")

_PARAM_CHECKS: dict[str, Callable[[Any], object]] = {
    "duration": parse_duration,
    "cadence": parse_cadence,
    "number": lambda v: v if isinstance(v, (int, float)) and not isinstance(v, bool) else _bad(),
    "integer": lambda v: v if isinstance(v, int) and not isinstance(v, bool) else _bad(),
    "string": lambda v: v if isinstance(v, str) else _bad(),
    "boolean": lambda v: v if isinstance(v, bool) else _bad(),
    "list": lambda v: v if isinstance(v, list) else _bad(),
}


def _bad() -> Any:
    raise ValueError("wrong type")


@dataclass(frozen=True)
class Source:
    """Where a practice comes from: a seed passage, or a standard, law or study."""

    seed: str | None = None
    passage: str | None = None
    title: str | None = None
    url: str | None = None
    note: str | None = None

    def label(self) -> str:
        """Short human citation."""
        if self.seed:
            return f"{self.passage} ({self.seed})" + (f": {self.note}" if self.note else "")
        return (self.title or "") + (f": {self.note}" if self.note else "")


@dataclass(frozen=True)
class Rule:
    """A loaded, compiled rule."""

    id: str
    title: str
    category: str
    severity: Severity
    impact: int
    effort: int
    tags: tuple[str, ...]
    applies: Mapping[str, tuple[str, ...]]
    select: str
    message: str
    why: str
    fix: str
    evidence: str
    sources: tuple[Source, ...]
    params: Mapping[str, Any]
    param_types: Mapping[str, str]
    function: str | None
    check: Check | None = field(repr=False, compare=False)
    where: Compiled | None = field(repr=False, compare=False)
    severity_when: tuple[tuple[Compiled, Severity], ...] = field(repr=False, compare=False)
    examples: tuple[Mapping[str, Any], ...] = field(repr=False, compare=False)
    file: str = ""
    pack: str = ""
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)
    # rule categories whose findings the check weighs, with the words its message uses for
    # them; the engine runs such a rule in a second stage (see cxaudit.engine.run)
    weighs: Mapping[str, str] = field(default_factory=dict, compare=False)
    # the severity the configuration sets for this rule: it replaces every rating but `info`
    # (see cxaudit.engine.severity, the one place a finding's severity is decided)
    configured_severity: Severity | None = field(default=None, compare=False)
    # `applies.when`: the rule concerns the unit only where this holds (unknown: asked for)
    applies_when: Compiled | None = field(default=None, repr=False, compare=False)
    # the lists the check names with `let`, computed once per selected item
    lets: Mapping[str, Callable[[Scope], Selection]] = field(default_factory=dict, repr=False,
                                                             compare=False)
    # what the rule's violations share (they are one plan action) and what each adds to it
    cause: str = ""
    affects: str = ""
    # how the rule's sentences word values (`returns: return`), for the `:words` format
    words: Mapping[str, Any] = field(default_factory=dict, compare=False)
    # the sentences a check function says, by name: {message, and cause and affects}
    messages: Mapping[str, Mapping[str, str]] = field(default_factory=dict, compare=False)
    # the pieces a check function puts into its sentences (a citation, a list of closures)
    parts: Mapping[str, str] = field(default_factory=dict, compare=False)
    # the English title when the texts are in another language: what machine formats name a
    # rule by (SARIF's rule name, JUnit's test case), so the name is the same in every language
    english_title: str = field(default="", compare=False)

    @property
    def name_title(self) -> str:
        """The title a machine format identifies the rule by: always the English one."""
        return self.english_title or self.title

    @property
    def quick_win(self) -> bool:
        """Cheap and felt by customers: effort <= 2 and impact >= 3."""
        return self.effort <= 2 and self.impact >= 3

    def with_params(self, overrides: Mapping[str, Any]) -> Rule:
        """A copy with parameters overridden (validated, conditions recompiled)."""
        raw = dict(self.raw)
        merged = {k: {"default": v, "type": self.param_types[k]} for k, v in self.params.items()}
        for k, v in overrides.items():
            if k not in merged:
                raise RulePackError([Problem(self.file, 0, 0, f"rule {self.id} has no param {k!r}",
                                             f"known params: {', '.join(sorted(merged)) or 'none'}")])
            merged[k] = {**merged[k], "default": v}
        raw["params"] = merged
        rule = replace(_compile(raw, Document(self.file, raw, {}), self.pack),
                       english_title=self.english_title)
        if self.configured_severity is None:
            return rule
        return replace(rule, severity=self.severity, configured_severity=self.configured_severity)



@lru_cache(maxsize=1)
def _rule_validator() -> Callable[[Any], bool]:
    from cxaudit.document.schemacheck import compile_schema

    return compile_schema(json.loads(resources.schema_text("rule.schema.json")))


def _schema_problems(doc: Document) -> list[Problem]:
    import jsonschema

    schema = json.loads(resources.schema_text("rule.schema.json"))
    out = []
    for err in jsonschema.Draft202012Validator(schema).iter_errors(doc.data):
        line, col = doc.locate(tuple(err.absolute_path))
        where = "/".join(str(p) for p in err.absolute_path) or "(rule)"
        out.append(Problem(doc.file, line, col, f"{where}: {err.message}",
                           "see the rule format in README.md (Writing rules)"))
    return sorted(out, key=lambda p: (p.line, p.column))


def load_rule(path: str | os.PathLike[str], pack: str = "") -> Rule:
    """Load, validate and compile one rule file."""
    try:
        doc = load_file(path, kind="rule")
    except CxauditError as exc:
        raise RulePackError(exc.problems) from None
    if not _rule_validator()(doc.data):
        problems = _schema_problems(doc)
        if problems:
            raise RulePackError(problems)
    return _compile(doc.data, doc, pack)


def compile_raw(raw: Mapping[str, Any], like: Rule) -> Rule:
    """Compile rule data that replaces `like`'s (its texts in another language)."""
    return replace(_compile(raw, Document(like.file, dict(raw), {}), like.pack),
                   english_title=like.name_title)


def _compile(raw: Mapping[str, Any], doc: Document, pack: str) -> Rule:
    def fail(path: tuple[str | int, ...], message: str, hint: str) -> RulePackError:
        line, col = doc.locate(path)
        return RulePackError([Problem(doc.file, line, col, message, hint)])

    from cxaudit.checks import CHECKS  # checks depend on the model only

    params: dict[str, Any] = {}
    types: dict[str, str] = {}
    for name, spec in (raw.get("params") or {}).items():
        try:
            _PARAM_CHECKS[spec["type"]](spec["default"])
        except (ValueError, DurationError):
            raise fail(("params", name, "default"), f"param {name!r} default "
                       f"{spec['default']!r} is not a valid {spec['type']}",
                       "fix the default value") from None
        params[name], types[name] = spec["default"], spec["type"]
    fn = raw.get("function")
    if fn is not None and fn not in CHECKS:
        raise fail(("function",), f"unknown check function {fn!r}",
                   f"built-in functions: {', '.join(sorted(CHECKS))}")
    messages = {str(k): ({"message": v} if isinstance(v, str) else dict(v))
                for k, v in (raw.get("messages") or {}).items()}
    parts = {str(k): str(v) for k, v in (raw.get("parts") or {}).items()}
    if fn is not None:
        _check_params(raw, CHECKS[fn].params, CHECKS[fn].optional, types, fail)
        _check_messages(raw, "messages", CHECKS[fn].branches, messages, fail)
        _check_messages(raw, "parts", CHECKS[fn].parts, parts, fail)
    elif messages or parts:
        raise fail(("messages",), f"rule {raw['id']}: `messages` are the sentences of a check "
                   "function; a declarative check gives each branch its own `message`",
                   "move each sentence to the `message` of its condition")

    def compiled(where: tuple[str | int, ...], compile_fn: Callable[[], T]) -> T:
        try:
            return compile_fn()
        except ConditionError as exc:
            raise fail(where + exc.path, f"rule {raw['id']}: {exc}",
                       exc.hint or "see README.md (Writing rules)") from None

    def condition(where: tuple[str | int, ...], cond: Any) -> Compiled:
        return compiled(where, lambda: compile_condition(cond, params, types))

    # the names the rule's sentences say (its examples are documents, not sentences)
    said = json.dumps({k: v for k, v in raw.items() if k != "examples"})
    token = SAID.set(frozenset(re.findall(r"\{'?([a-z_][a-z0-9_]*)", said)))
    try:
        check = compiled(("check",), lambda: compile_check(raw["check"], params, types)) \
            if "check" in raw else None
    finally:
        SAID.reset(token)
    where = condition(("where",), raw["where"]) if "where" in raw else None
    lets = compiled(("let",), lambda: compile_lets(raw["let"], params, types)) \
        if "let" in raw else {}
    sev_when = tuple((condition(("severity_when", i, "when"), s["when"]),
                      Severity(s["severity"])) for i, s in enumerate(raw.get("severity_when", [])))
    applies = {k: tuple(v) for k, v in (raw.get("applies") or {}).items() if k != "when"}
    when = (raw.get("applies") or {}).get("when")
    applies_when = condition(("applies", "when"), when) if when is not None else None
    sources = tuple(Source(**s) for s in raw["source"])
    rule = Rule(
        id=raw["id"], title=raw["title"], category=raw["category"],
        severity=Severity(raw["severity"]), impact=raw["impact"], effort=raw["effort"],
        tags=tuple(raw.get("tags", ())), applies=applies, select=raw.get("select", ""),
        message=raw["message"], why=raw["why"].strip(), fix=raw["fix"].strip(),
        evidence=raw.get("evidence", "").strip(), sources=sources, params=params,
        param_types=types, function=fn, check=check, where=where, severity_when=sev_when,
        examples=tuple(raw["examples"]), file=doc.file, pack=pack, raw=raw,
        weighs=dict(raw.get("weighs_findings_of") or {}), lets=lets, applies_when=applies_when,
        cause=raw.get("cause", ""), affects=raw.get("affects", ""),
        words={str(k): ({str(a): str(b) for a, b in v.items()} if isinstance(v, dict) else str(v))
               for k, v in (raw.get("words") or {}).items()}, messages=messages, parts=parts)
    return rule


def _check_params(raw: Mapping[str, Any], required: Mapping[str, str],
                  optional: Mapping[str, str], declared: Mapping[str, str],
                  fail: Callable[[tuple[str | int, ...], str, str], RulePackError]) -> None:
    """A rule naming a check function declares every param it reads, with the right type."""
    fn = raw["function"]
    missing = [n for n in required if n not in declared]
    if missing:
        spec = ", ".join(f"{n}: {{default: ..., type: {required[n]}}}" for n in missing)
        raise fail(("function",), f"rule {raw['id']}: check function {fn!r} needs the "
                   f"param{'s' if len(missing) > 1 else ''} {', '.join(map(repr, missing))}, "
                   "which the rule does not declare", f"add under params: {spec}")
    for name, want in {**optional, **required}.items():
        if name in declared and declared[name] != want:
            raise fail(("params", name, "type"), f"rule {raw['id']}: param {name!r} is declared "
                       f"as {declared[name]}, but check function {fn!r} reads it as {want}",
                       f"write type: {want}")


def _check_messages(raw: Mapping[str, Any], key: str, names: frozenset[str],
                    given: Mapping[str, Any],
                    fail: Callable[[tuple[str | int, ...], str, str], RulePackError]) -> None:
    """A rule naming a check function gives every sentence (`messages`) and sentence part
    (`parts`) the function says, and no other."""
    fn = raw["function"]
    what = "sentence" if key == "messages" else "sentence part"
    lacking = sorted(names - set(given))
    if lacking:
        raise fail(("function",), f"rule {raw['id']}: check function {fn!r} says the "
                   f"{what}{'s' if len(lacking) > 1 else ''} {', '.join(map(repr, lacking))}, "
                   f"which the rule's `{key}` do not give",
                   f"add under {key}: {lacking[0]}: <the words>")
    unknown = sorted(set(given) - names)
    if unknown:
        raise fail((key, unknown[0]), f"rule {raw['id']}: check function {fn!r} never says a "
                   f"{what} named {unknown[0]!r}",
                   f"its {key} are {', '.join(sorted(names)) or 'none'}")


# folders of a pack that hold no rules: reference data, and the rules' texts in other languages
NOT_RULES = frozenset({"data", "i18n"})


def pack_files(directory: Path) -> list[Path]:
    """Rule files of a pack directory, sorted; `data/` and `i18n/` folders hold no rules."""
    return sorted(p for p in directory.rglob("*.yaml")
                  if not NOT_RULES & set(p.relative_to(directory).parts))


def load_pack(directory: str | os.PathLike[str], name: str | None = None,
              language: str = "en") -> tuple[Rule, ...]:
    """Load every rule of a directory (recursively, sorted), with its texts in `language`
    where the pack's `i18n/<language>.yaml` has them (English otherwise)."""
    d = Path(directory)
    if not d.is_dir():
        raise RulePackError([Problem(str(d), 0, 0, "rule pack directory not found",
                                     "pass a directory holding one rule per .yaml file")])
    rules = tuple(load_rule(p, name or d.name) for p in pack_files(d))
    if language == "en":
        return rules
    from cxaudit.rules.translations import translate

    return translate(d, rules, language)


def load_packs(directories: list[str | os.PathLike[str]] | None = None,
               builtin: bool = True, language: str = "en") -> tuple[Rule, ...]:
    """Built-in rules plus custom packs, refusing duplicate ids; sorted by id."""
    rules: list[Rule] = list(builtin_rules(language)) if builtin else []
    for d in directories or []:
        rules.extend(load_pack(d, language=language))
    seen: dict[str, Rule] = {}
    for r in rules:
        if r.id in seen:
            raise RulePackError([Problem(r.file, 1, 1, f"rule id {r.id} is already defined in "
                                         f"{seen[r.id].file}", "rename one of the two rules")])
        seen[r.id] = r
    return tuple(sorted(rules, key=lambda r: r.id))


@lru_cache(maxsize=4)
def builtin_rules(language: str = "en") -> tuple[Rule, ...]:
    """The rules shipped with cxaudit, with their texts in `language`."""
    if language != "en":
        from cxaudit.rules.translations import translate

        english = _builtin_packs()
        token = PATTERNS_CHECKED.set(True)  # the English rules compiled: so do their patterns
        try:
            return tuple(r for pack, rules in english for r in translate(pack, rules, language))
        finally:
            PATTERNS_CHECKED.reset(token)
    return tuple(r for _, rules in _builtin_packs() for r in rules)


@lru_cache(maxsize=1)
def _builtin_packs() -> tuple[tuple[Path, tuple[Rule, ...]], ...]:
    """The built-in packs' folders with their rules in English (the files' content kept between
    runs, see cxaudit.rules.cache)."""
    from cxaudit.rules import cache

    root = resources.rules_dir()
    packs = sorted(p for p in root.iterdir() if p.is_dir() and p.name != "data")
    files = [(pack, p) for pack in packs for p in pack_files(pack)]
    kept = cache.load([p for _, p in files])
    rules: list[Rule] = []
    for pack, path in files:
        data = kept.get(str(path))
        if isinstance(data, dict):
            # the cached copy compiled when it was kept: its patterns are compiled when used
            token = PATTERNS_CHECKED.set(True)
            try:
                rules.append(_compile(data, Document(str(path), data, {}), pack.name))
                continue
            except (RulePackError, KeyError, TypeError, ValueError):
                pass  # read the file itself: its mistakes are reported at their line
            finally:
                PATTERNS_CHECKED.reset(token)
        rules.append(load_rule(path, pack.name))
    if len(kept) != len(files) or any(r.raw is not kept.get(r.file) for r in rules):
        cache.save([p for _, p in files], {r.file: r.raw for r in rules})
    return tuple((pack, tuple(r for r, (home, _) in zip(rules, files, strict=True)
                              if home == pack)) for pack in packs)
