"""What a run does not count against the project: waived and baselined findings.

One Suppressor decides, finding by finding, whether a waiver or the baseline covers it, and
remembers what it used. It is asked once per finding, when the engine has run a unit's rules and
before the plan is built (`marker`), so results and plan hold one copy of each finding, already
marked. Its report lists expired and soon-expiring waivers, waivers that matched nothing,
baseline entries whose findings are gone, and baselined findings that got worse (they count as
new; see cxaudit.policy.baseline_match). A finding both waived and baselined shows the waiver,
which says more (who accepted it, why, until when).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from cxaudit.errors import Problem
from cxaudit.i18n import _, ngettext, pgettext
from cxaudit.model.findings import Finding, Mark, Suppression
from cxaudit.policy import baseline as baseline_mod
from cxaudit.policy import waivers as waivers_mod
from cxaudit.policy.baseline import Baseline, Entry
from cxaudit.policy.settings import suggest
from cxaudit.policy.waivers import WARN_DAYS, Waiver, WaiverFile

if TYPE_CHECKING:
    from cxaudit.model.process import Process


@dataclass(frozen=True)
class SuppressionReport:
    """The state of the waivers and the baseline after a run."""

    today: date
    waivers_file: str = ""
    baseline_file: str = ""
    waived: int = 0
    baselined: int = 0
    expired: tuple[Waiver, ...] = ()
    expiring: tuple[Waiver, ...] = ()
    unused: tuple[Waiver, ...] = ()
    fixed: tuple[Entry, ...] = ()
    hints: dict[str, str] = field(default_factory=dict, compare=False)  # waiver.where -> hint
    worse: tuple[tuple[Entry, str], ...] = ()  # baselined findings that got worse, and why
    baseline_version: int = 0  # of the baseline file read (0: none)

    def notices(self) -> list[tuple[str, Problem]]:
        """(level, problem) pairs for stderr: error for expired waivers, else warning or info."""
        out: list[tuple[str, Problem]] = []
        for w in self.expired:
            days = -w.days_left(self.today)
            out.append(("error", _at(w, ngettext("waiver for {scope} expired on {date} ({n} day "
                                                 "ago)", "waiver for {scope} expired on {date} "
                                                 "({n} days ago)", days).format(
                scope=w.scope(), date=w.expires, n=days),
                _("fix the finding, or renew the waiver with a new `expires` date after "
                  "review"))))
        for w in self.expiring:
            left = w.days_left(self.today)
            when = _("today is its last day") if left == 0 else \
                ngettext("in {n} day", "in {n} days", left).format(n=left)
            out.append(("warning", _at(w, _("waiver for {scope} expires on {date} "
                                            "({when})").format(scope=w.scope(), date=w.expires,
                                                               when=when),
                                      _("fix the finding or review the waiver before it "
                                        "expires and fails the run"))))
        for w in self.unused:
            out.append(("warning", _at(w, _("waiver for {scope} matches no finding").format(
                scope=w.scope()), self.hints.get(w.where) or _(
                    "remove it if the finding is fixed, or correct its rule, unit or path"))))
        for e, why in self.worse:
            out.append(("warning", Problem(self.baseline_file, 0, 0, _(
                "baselined {rule} at {file} {path} got worse ({why}): it counts as new").format(
                    rule=e.rule, file=e.file, path=e.path, why=why),
                _("fix it, or run `cxaudit baseline create` again to accept it as it is now"))))
        for e in self.fixed:
            out.append(("info", Problem(self.baseline_file, 0, 0, _(
                "baselined {rule} at {file} {path} is no longer found (fixed)").format(
                    rule=e.rule, file=e.file, path=e.path),
                _("run `cxaudit baseline create` again to drop it"))))
        if self.baseline_version == 1:
            out.append(("info", Problem(self.baseline_file, 0, 0, _(
                "this baseline (version 1) records no values, so findings that got worse stay "
                "baselined"), _("run `cxaudit baseline create` again to write version 2"))))
        return out


    def messages(self) -> list[str]:
        """The notices as `file:line:col: level: message` lines with hints, for stderr."""
        words = {"error": pgettext("level", "error"), "warning": pgettext("level", "warning"),
                 "info": pgettext("level", "info")}
        return [Problem(p.file, p.line, p.column, f"{words.get(level, level)}: {p.message}",
                        p.hint).render() for level, p in self.notices()]


def _at(w: Waiver, message: str, hint: str) -> Problem:
    return Problem(w.file, w.line, w.column, message, hint)


@dataclass(frozen=True)
class Used:
    """What one unit used: waivers (by position among the active ones), baseline entries (by
    fingerprint), suppressions per kind, and baselined findings that got worse."""

    waivers: tuple[int, ...]
    fingerprints: tuple[str, ...]
    counts: dict[str, int]
    worse: tuple[tuple[Entry, str], ...] = ()


class Suppressor:
    """Decides suppressions for one run and records which waivers and entries were used."""

    def __init__(self, waivers: WaiverFile | None, baseline: Baseline | None, today: date,
                 rule_ids: Collection[str] = (), as_of: date | None = None) -> None:
        from cxaudit.policy.baseline_match import Matcher

        self.waiver_file = waivers
        self.baseline = baseline
        self.today = today
        self.rule_ids = sorted(rule_ids)
        all_waivers = waivers.waivers if waivers else ()
        self.active = [w for w in all_waivers if w.days_left(today) >= 0]
        self.expired = tuple(w for w in all_waivers if w.days_left(today) < 0)
        self.entries = {e.fingerprint: e for e in (baseline.entries if baseline else ())}
        self.matcher = None if baseline is None else Matcher(baseline, as_of)
        self.worse: list[tuple[Entry, str]] = []
        self.used: set[Waiver] = set()
        self.matched: set[str] = set()
        self.counts = {"waiver": 0, "baseline": 0}

    @classmethod
    def load(cls, waivers: str | None, baseline: str | None, today: date,
             rule_ids: Collection[str] = (), as_of: date | None = None) -> Suppressor:
        """Read the waivers and baseline files (either may be None)."""
        return cls(None if waivers is None else waivers_mod.load(waivers),
                   None if baseline is None else baseline_mod.load(baseline), today, rule_ids,
                   as_of)

    def decide(self, unit_file: str, unit_name: str, finding: Finding,
               proc: Process | None = None) -> Suppression | None:
        """The suppression `finding` gets, or None when it counts.

        With the unit's `proc`, a baselined finding that got worse counts (as new).
        """
        out: Suppression | None = None
        if self.waiver_file is not None:
            for w in self.active:
                if w.matches(self.waiver_file.directory, unit_file, unit_name, finding):
                    self.used.add(w)
                    out = out or w.suppression()
        if self.matcher is not None and baseline_mod.counts(finding):
            entry, worse = self.matcher.match(finding, proc)
            if entry is not None:
                self.matched.add(entry.fingerprint)
                if worse:
                    self.worse.append((entry, worse))
                else:
                    out = out or Suppression("baseline")
        if out is not None:
            self.counts[out.kind] += 1
        return out

    def take(self) -> Used:
        """What was used since the last take (and forget it): a worker process sends this
        with each unit, so that the run's suppressor can `add` it."""
        used = Used(tuple(sorted(self.active.index(w) for w in self.used)),
                    tuple(sorted(self.matched)), dict(self.counts), tuple(self.worse))
        self.used, self.matched, self.worse = set(), set(), []
        self.counts = {"waiver": 0, "baseline": 0}
        return used

    def add(self, used: Used) -> None:
        """Count what a worker's copy of this suppressor used."""
        self.used.update(self.active[i] for i in used.waivers)
        self.matched.update(used.fingerprints)
        self.worse.extend(used.worse)
        for kind, n in used.counts.items():
            self.counts[kind] += n

    def marker(self, proc: Process) -> Mark:
        """The decision for the findings of one unit, as the engine marks each one it makes."""
        return lambda finding: self.decide(proc.file, proc.name, finding, proc)

    def report(self, audited_files: Iterable[str]) -> SuppressionReport:
        """What was used, expired, expiring, unused or fixed."""
        unused = tuple(w for w in self.active if w not in self.used)
        hints = {}
        for w in unused:
            if w.rule not in self.rule_ids:
                close = suggest(w.rule, self.rule_ids)
                hints[w.where] = (f"no rule {w.rule} ran" +
                                  (f"; did you mean {close}?" if close else ""))
        fixed: tuple[Entry, ...] = ()
        if self.baseline is not None:
            base = self.baseline.directory
            files = {baseline_mod.relative_path(f, base) for f in audited_files}
            fixed = tuple(e for fp, e in sorted(self.entries.items())
                          if fp not in self.matched and e.file in files)
            fixed = tuple(sorted(fixed, key=lambda e: (e.file, e.rule, e.path)))
        return SuppressionReport(
            self.today, self.waiver_file.file if self.waiver_file else "",
            self.baseline.file if self.baseline else "", self.counts["waiver"],
            self.counts["baseline"], self.expired,
            tuple(w for w in self.active if w.days_left(self.today) <= WARN_DAYS),
            unused, fixed, hints, tuple(self.worse),
            self.baseline.version if self.baseline else 0)
