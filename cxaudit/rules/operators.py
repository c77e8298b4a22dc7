"""The operators of a leaf condition: what they compare, and the operands they accept.

Each operator is `fn(value, operand) -> bool | None` (None: the value cannot be judged this
way, which counts as not holding). Operands are checked when the pack loads, so a broken
rule stops at its line instead of mid-audit.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from typing import Any

from cxaudit.model.durations import DurationError, cadence_fits, parse_cadence, quantity
from cxaudit.rules.conditions import ConditionError

Op = Callable[[Any, Any], bool | None]

COMPARE_OPS = frozenset({"at_most", "at_least", "less_than", "greater_than"})
LIST_OPS = frozenset({"one_of", "not_one_of", "contains_any", "contains_all"})
WORD_OPS = frozenset({"mentions_any", "mentions_none"})
AGE_OPS = frozenset({"older_than", "not_older_than"})
LENGTH_OPS = frozenset({"length_at_least", "length_at_most"})
REGEX_OPS = frozenset({"matches", "not_matches"})
PLAIN_OPS = frozenset({"equals", "not_equals", "contains", "not_contains"})
GROUP_OPS = frozenset({"in_country_group"})
# operators whose operand may be read from another path when the rule runs (`{path: ...}`)
RUNTIME_OPS = PLAIN_OPS | LIST_OPS
OPERATORS = (COMPARE_OPS | LIST_OPS | WORD_OPS | AGE_OPS | LENGTH_OPS | REGEX_OPS | PLAIN_OPS
             | GROUP_OPS | {"exists", "stated", "fail", "ask", "is"})
KINDS: Mapping[str, Callable[[Any], bool]] = {
    "mapping": lambda v: isinstance(v, dict),
    "list": lambda v: isinstance(v, (list, tuple)),
    "text": lambda v: isinstance(v, str),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
}


class Hours(float):
    """A wait in hours, from the service clock: compared with durations, shown as `66 h`.

    `words` are what a sentence may say about it: `{wait}` (`66 h`), and when one arrival
    waits longest, `{sent}` and `{answered}` (`Fri 17:00`, `Mon 11:00`).
    """

    words: dict[str, str]

    def __new__(cls, hours: float, when: tuple[str, str] | None = None) -> Hours:
        self = super().__new__(cls, hours)
        self.words = {"wait": str(self)}
        if when is not None:
            self.words.update(sent=when[0], answered=when[1])
        return self

    def __str__(self) -> str:
        from cxaudit.clock.waits import fmt_hours

        return fmt_hours(float(self))


def only_cadence(operand: Any) -> bool:
    """Whether an operand can only be read as a cadence (`1mo`, `2q`), not as a duration."""
    from cxaudit.model.durations import parse_duration

    if not isinstance(operand, str):
        return False
    try:
        parse_cadence(operand)
    except DurationError:
        return False
    try:
        parse_duration(operand)
    except DurationError:
        return True
    return False


def both_cadences(a: Any, b: Any) -> bool:
    """Whether two values both read as cadences (`1mo`, `90d`), to compare on the calendar."""
    try:
        parse_cadence(a)
        parse_cadence(b)
    except (DurationError, TypeError, AttributeError):
        return False
    return True


def _compare(op: str, calendar: bool, operand: Any = None) -> Op:
    operand_seen = [operand]  # the operand written in the rule: its quantity is worked out once
    fixed = quantity(operand) if operand is not None and not isinstance(operand, bool) else None

    def cmp(actual: Any, expected: Any) -> bool | None:
        if calendar:  # cadences compare on the calendar: `26w` runs twice a year, like `6mo`
            try:
                value, limit = parse_cadence(actual), parse_cadence(expected)
            except DurationError:
                return None
            if op in ("at_most", "at_least"):
                return cadence_fits(value, limit, at_most=op == "at_most")
            return not cadence_fits(value, limit, at_most=op == "greater_than")
        a = quantity(actual)
        e = fixed if expected is operand_seen[0] else quantity(expected)
        if a is None or e is None:
            return None
        if not isinstance(actual, Hours) and isinstance(actual, str) != isinstance(expected, str):
            return None  # a bare number is never compared with a duration
        return {"at_most": a <= e, "at_least": a >= e, "less_than": a < e,
                "greater_than": a > e}[op]
    return cmp


def _as_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _norm(value: Any) -> Any:
    if isinstance(value, str):
        return value.lower()
    if isinstance(value, (list, dict)):  # compared as text, so that sets can hold them
        return repr(value)
    return value


_SEPARATORS = re.compile(r"[\s_\-]+")


def squash(text: Any) -> str:
    """Lower case without spaces, hyphens or underscores: `Handling-Fee` -> `handlingfee`."""
    return _SEPARATORS.sub("", str(text).lower())


def words_in(text: Any, words: list[str], word_start: bool) -> list[str]:
    """The `words` that `text` mentions (case, spaces, hyphens and underscores ignored; with
    `word_start`, only where a word of the text begins)."""
    if not isinstance(text, str):
        return []
    if word_start:
        found = []
        for w in words:
            parts = [re.escape(p) for p in _SEPARATORS.split(str(w).lower()) if p]
            if parts and re.search(r"(?<![^\W_])" + r"[\s_\-]+".join(parts), str(text),
                                   re.IGNORECASE):
                found.append(w)
        return found
    flat = squash(text)
    return [w for w in words if squash(w) and squash(w) in flat]


def mentions(operand: list[str], word_start: bool) -> Callable[[Any], list[Any]]:
    """What a value mentions: on text, the words found; on a list, the entries mentioning one."""
    def found(value: Any) -> list[Any]:
        if isinstance(value, (list, tuple)):
            return [v for v in value if isinstance(v, str) and words_in(v, operand, word_start)]
        return words_in(value, operand, word_start)
    return found


_RE2_HINTS = (
    (re.compile(r"escape sequence: \\[1-9k]|operator: \(\?P$"),
     ("backreferences (\\1, (?P=name)) are not supported: RE2 matches in linear time and "
      "cannot repeat an earlier group; spell the alternatives out, e.g. (ab|cd)")),
    (re.compile(r"operator: \(\?<?[=!]"),
     ("lookahead and lookbehind are not supported: RE2 matches in linear time; put the "
      "negative part in a second condition with not_matches (under all:)")),
    (re.compile(r"operator: \(\?>|repetition operator: [*+?]?\+"),
     ("atomic groups and possessive quantifiers are not needed: RE2 never backtracks; "
      "drop the (?>...) or the extra +")),
    (re.compile(r"repetition size"),
     "RE2 repeats a group at most 1000 times; use + or * for longer runs"),
)


def regex_hint(reason: str) -> str:
    """How to rewrite a pattern RE2 refuses (backreferences, lookaround, other syntax)."""
    for needle, hint in _RE2_HINTS:
        if needle.search(reason):
            return hint
    return "patterns use RE2 syntax (https://github.com/google/re2/wiki/Syntax) and match " \
           "case-insensitively"


# True while rules known to compile are compiled again (the built-in rules, from their cache):
# their patterns are compiled when first matched, so a run that matches none never loads RE2
PATTERNS_CHECKED: ContextVar[bool] = ContextVar("PATTERNS_CHECKED", default=False)


class _Deferred:
    """A pattern already known to compile, compiled by its first search."""

    __slots__ = ("key", "pattern", "rx")

    def __init__(self, pattern: str, key: str) -> None:
        self.pattern, self.key = pattern, key
        self.rx: Any = None

    def search(self, text: str) -> Any:
        if self.rx is None:
            self.rx = _compiled(self.pattern, self.key)
        return self.rx.search(text)


def _regex(pattern: Any, key: str) -> Any:
    """Compile `pattern` with RE2: linear-time matching, whatever the pattern or the text."""
    if not isinstance(pattern, str):
        raise ConditionError(f"`{key}` needs a regular expression as text, not {pattern!r}",
                             (key,), hint="quote the pattern", key=key, operand=pattern)
    if PATTERNS_CHECKED.get():
        return _Deferred(pattern, key)
    return _compiled(pattern, key)


def _compiled(pattern: str, key: str) -> Any:
    import re2  # google-re2; imported here so that packs without patterns never load it

    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False  # errors are reported to the user below, not logged by RE2
    try:
        return re2.compile(pattern, options)
    except re2.error as exc:
        reason = exc.args[0].decode("utf-8", "replace") if exc.args and isinstance(
            exc.args[0], bytes) else str(exc)
        raise ConditionError(f"regular expression {pattern!r} cannot be used: {reason}",
                             (key,), hint=regex_hint(reason), key=key, operand=pattern) from None


def _matcher(rx: Any, want: bool) -> Op:
    """`matches` / `not_matches` with one compiled pattern. What the pattern finds in a text is
    kept (at most 4096 texts per pattern): names and roles recur across rules and files, and
    a call into RE2 costs far more than a look-up."""
    seen: dict[str, bool] = {}

    def found(text: Any) -> bool:
        if not isinstance(text, str):
            return False
        hit = seen.get(text)
        if hit is None:
            if len(seen) >= 4096:
                seen.clear()
            hit = seen[text] = rx.search(text[:1000]) is not None
        return hit

    def match(a: Any, _e: Any) -> bool:
        if isinstance(a, (list, tuple)):
            return any(found(x) for x in a) == want
        return found(a) == want
    return match


def operator(key: str, operand: Any, cadence: bool = False) -> Op:
    """The function of operator `key` with its (resolved, checked) operand.

    `cadence`: the operand is a cadence, so comparisons are made on the calendar.
    """
    if key in COMPARE_OPS:
        return _compare(key, cadence, operand)
    if key in REGEX_OPS:
        return _matcher(_regex(operand, key), key == "matches")
    if key in ("equals", "not_equals"):
        want_equal, e_n = key == "equals", _norm(operand)
        if operand is None or isinstance(operand, (bool, int, float)):
            # a text, list or mapping never equals a plain value, so it needs no normalising
            return lambda a, _e: (a == e_n) == want_equal
        return lambda a, _e: (_norm(a) == e_n) == want_equal
    if key in ("one_of", "not_one_of") and isinstance(operand, (list, tuple)):
        members, inside = {_norm(x) for x in operand}, key == "one_of"
        return lambda a, _e: (_norm(a) in members) == inside
    if key in ("contains", "not_contains"):
        wanted, inside = _norm(operand), key == "contains"
        return lambda a, _e: any(_norm(x) == wanted for x in _as_list(a)) == inside
    if key in ("contains_any", "contains_all") and isinstance(operand, (list, tuple)):
        members = {_norm(x) for x in operand}
        if key == "contains_any":
            return lambda a, _e: not members.isdisjoint(_norm(x) for x in _as_list(a))
        return lambda a, _e: members <= {_norm(x) for x in _as_list(a)}
    ops: Mapping[str, Op] = {
        "length_at_least": lambda a, e: len(a) >= e if isinstance(a, (list, tuple, dict, str))
        else None,
        "length_at_most": lambda a, e: len(a) <= e if isinstance(a, (list, tuple, dict, str))
        else None,
    }
    if key == "is":
        return lambda a, e: KINDS[e](a)
    if key == "in_country_group":
        from cxaudit.model.classes import country_group

        group = country_group(operand)
        return lambda a, _e: any(isinstance(x, str) and x.split("-")[0].upper() in group
                                 for x in _as_list(a))
    if key not in ops:
        raise ConditionError(f"unknown operator {key!r}")
    return ops[key]


def check_operand(key: str, operand: Any) -> None:
    """Refuse an operand its operator cannot use, at load time rather than mid-audit."""
    if key in LIST_OPS or key in WORD_OPS:
        if not isinstance(operand, list):
            raise ConditionError("is not a list; write the values as [a, b]")
        if any(isinstance(x, (list, dict)) for x in operand):
            raise ConditionError("holds a list or mapping; list plain values only")
    elif key in COMPARE_OPS:
        if isinstance(operand, bool) or quantity(operand) is None:
            raise ConditionError("is neither a number nor a duration such as 24h or 2bd")
    elif key in AGE_OPS:
        if not isinstance(operand, str) or quantity(operand) is None:
            raise ConditionError("is not a duration or cadence such as 90d, 12mo or 5y")
    elif key in LENGTH_OPS:
        if not isinstance(operand, int) or isinstance(operand, bool) or operand < 0:
            raise ConditionError("is not a whole number of items (0 or more)")
    elif key == "in_country_group":
        from cxaudit.model.classes import country_groups

        if operand not in country_groups():
            raise ConditionError(f"is not a group of countries; use one of "
                                 f"{', '.join(country_groups())}")
    elif key == "is" and operand not in KINDS:
        raise ConditionError(f"is not a kind of value; use one of {', '.join(KINDS)}")
    elif key in REGEX_OPS and not isinstance(operand, str):
        raise ConditionError("is not a regular expression (text)")
    elif key in ("exists", "stated", "fail", "ask") and not isinstance(operand, bool):
        raise ConditionError("is not true or false")
    elif key in ("fail", "ask") and operand is not True:
        raise ConditionError("can only be true")
