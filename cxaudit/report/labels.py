"""The report's own words for values that are ids in the data: severities, categories, plan
groups, kinds of finding, the priority formula.

The ids (`high`, `responsiveness`, `do-now`) stay what JSON, SARIF and CSS use; these are the
words a person reads, in the run's language. Each table is built when asked, so the language
of the run decides, and every word is spelled out in a `pgettext` call the catalog tools find.
"""

from __future__ import annotations

from cxaudit.engine.plan import DO_NOW_AT, FORMULA, PLAN_NEXT_AT
from cxaudit.i18n import ENGLISH, _, current, pgettext


def severity(value: str) -> str:
    """`high` -> `high` / `високий` / `высокая`; `info` is a note."""
    names = {"critical": pgettext("severity", "critical"), "high": pgettext("severity", "high"),
             "medium": pgettext("severity", "medium"), "low": pgettext("severity", "low"),
             "info": pgettext("severity", "note"), "none": pgettext("severity", "none"),
             "needs-evidence": pgettext("severity", "needs evidence")}
    return names.get(value, value)


def category(value: str) -> str:
    """A rule category as a reader names it (`returns` -> `повернення`)."""
    names = {
        "responsiveness": pgettext("category", "responsiveness"),
        "accessibility": pgettext("category", "accessibility"),
        "escalation": pgettext("category", "escalation"),
        "returns": pgettext("category", "returns"),
        "complaints": pgettext("category", "complaints"),
        "feedback": pgettext("category", "feedback"),
        "recovery": pgettext("category", "recovery"),
        "ownership": pgettext("category", "ownership"),
        "data": pgettext("category", "data"),
        "journey": pgettext("category", "journey"),
    }
    return names.get(value, value)


def outcome_codes() -> dict[str, str]:
    """One character per outcome for the portfolio's matrices: a severity's initial (C H M L),
    `+` pass, `?` needs evidence, `-` not applicable."""
    return {"critical": pgettext("outcome code", "C"), "high": pgettext("outcome code", "H"),
            "medium": pgettext("outcome code", "M"), "low": pgettext("outcome code", "L"),
            "pass": "+", "needs-evidence": "?", "not-applicable": "-"}


def category_short(value: str) -> str | None:
    """A category's column name in the portfolio (`rsp`), None for a category of another pack."""
    names = {
        "accessibility": pgettext("category abbreviation", "acc"),
        "complaints": pgettext("category abbreviation", "cmp"),
        "data": pgettext("category abbreviation", "dat"),
        "escalation": pgettext("category abbreviation", "esc"),
        "feedback": pgettext("category abbreviation", "fdb"),
        "journey": pgettext("category abbreviation", "jrn"),
        "ownership": pgettext("category abbreviation", "own"),
        "recovery": pgettext("category abbreviation", "rec"),
        "responsiveness": pgettext("category abbreviation", "rsp"),
        "returns": pgettext("category abbreviation", "ret"),
    }
    return names.get(value)


def severity_count(value: str, n: int) -> str:
    """`2 critical` in English; a count beside a severity in other languages (`критична: 2`)."""
    return _("%(n)s %(severity)s") % {"n": n, "severity": severity(value)}


def bucket(key: str) -> str:
    """The plan's groups: Do now, Plan next, Later."""
    names = {"do-now": pgettext("plan", "Do now"), "plan-next": pgettext("plan", "Plan next"),
             "later": pgettext("plan", "Later")}
    return names.get(key, key)


def bucket_hint(key: str) -> str:
    """What a plan group's priority range means."""
    hints = {
        "do-now": _("Priority %(do_now)s or more: start these now."),
        "plan-next": _("Priority %(plan_next)s to under %(do_now)s: schedule them next."),
        "later": _("Priority under %(plan_next)s: worth doing once the above are under way."),
    }
    return hints[key] % {"do_now": f"{DO_NOW_AT:g}", "plan_next": f"{PLAN_NEXT_AT:g}"}


def kind(value: str) -> str:
    """`violation` / `needs-evidence` as words."""
    names = {"violation": pgettext("kind", "violation"),
             "needs-evidence": pgettext("kind", "needs evidence")}
    return names.get(value, value)


def suppression(kind_: str) -> str:
    """`waiver` -> waived, `baseline` -> baselined."""
    names = {"waiver": pgettext("mark", "waived"), "baseline": pgettext("mark", "baselined")}
    return names.get(kind_, kind_)


def level(value: str) -> str:
    """The level of a problem or notice: error, warning, note."""
    names = {"error": pgettext("level", "error"), "warning": pgettext("level", "warning"),
             "note": pgettext("level", "note")}
    return names.get(value, value)


def confidence(value: str) -> str:
    """How far a legal row was checked: verified, unverified."""
    names = {"verified": pgettext("legal", "verified"),
             "unverified": pgettext("legal", "unverified")}
    return names.get(value, value)


def formula() -> str:
    """How the plan is ordered, in one line."""
    if current() == ENGLISH:
        return FORMULA  # as the engine states it
    return _("priority = w(severity) x impact / effort, w: critical 8, high 4, medium 2, low 1; "
             "do now >= %(do_now)s, plan next >= %(plan_next)s, later below; ties: quick wins "
             "first, then rule id; one action per rule and cause, ranked by its worst "
             "finding") % {"do_now": f"{DO_NOW_AT:g}", "plan_next": f"{PLAN_NEXT_AT:g}"}


__all__ = ["bucket", "bucket_hint", "category", "confidence", "formula", "kind", "level", "severity",
           "severity_count", "suppression"]
