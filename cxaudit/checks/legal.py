"""Shared ground of the legal rules: which table rows bind a unit, and how a breach is worded.

Every jurisdiction of `organization.jurisdictions` is matched to its table separately. A row
limited to consumers, some goods or some sectors binds a unit only when the unit says so: an
unknown customer type, sector or range of goods is asked for (needs evidence), never assumed.
Breaches found at one place are reported as one finding that names each jurisdiction, statute
and data version, so a location carries one fingerprint however many laws it breaks. The rules
themselves live in `legal_returns` (RET-001/002) and `legal_complaints` (CMP-003/007, ACC-004).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from cxaudit.checks.base import CheckContext, NotApplicable, Outcome, missing, violation
from cxaudit.clock.businessdays import Workdays, span
from cxaudit.document.loading import DocPath
from cxaudit.legal import tables as legal
from cxaudit.model.durations import Duration, DurationError, parse_cadence, parse_duration
from cxaudit.model.findings import Legal, Severity

Bound = tuple[legal.Row, tuple[str, ...]]  # a row and the unit's jurisdictions it covers

# What a row may be limited to, the fact that says whether it binds the unit, and the rule
# file's sentence that asks for the fact.
_FACTS: tuple[tuple[str, str, DocPath, str], ...] = (
    ("customers", "customer_type", ("organization", "customer_type"), "customer_type"),
    ("sectors", "sector", ("organization", "sector"), "sector"),
    ("not_sectors", "sector", ("organization", "sector"), "sector"),
    ("sells", "sells", ("organization", "sells"), "sells"),
)
# The sentences (and parts) every legal rule file gives: questions about whose law applies,
# and how a breach is cited and put together.
LEGAL_BRANCHES = frozenset({"jurisdictions", "customer_type", "sector", "sells", "breach",
                            "breach_lead", "breach_leads"})
LEGAL_PARTS = frozenset({"cite", "cite_unverified", "clause", "clause_lead", "clause_leads",
                         "part"})


def needs_jurisdictions(ctx: CheckContext) -> Outcome | None:
    """Needs evidence when the unit does not say whose law applies."""
    if not ctx.process.organization.jurisdictions:
        return missing(("organization", "jurisdictions"), "jurisdictions")
    return None


def binding(ctx: CheckContext, topic: str) -> tuple[list[Bound], list[Outcome]]:
    """Rows of `topic` that bind the unit, and what to ask for rows that may bind it.

    Raises NotApplicable when no table row can concern the unit at all.
    """
    org = ctx.process.organization
    found = legal.load(ctx.legal_dir).rows(
        topic, org.jurisdictions or (), on=ctx.as_of, customer_type=org.customer_type,
        sells=org.sells, sector=org.sector)
    rows: list[Bound] = []
    asks: dict[DocPath, Outcome] = {}
    for row, covered in found:
        unknown = [(path, branch) for field, attr, path, branch in _FACTS
                   if field in row.fields and getattr(org, attr) is None]
        for path, branch in unknown:
            asks.setdefault(path, missing(path, branch))
        if not unknown:  # named in a fixed order, whatever order the file lists them in
            rows.append((row, tuple(sorted(covered))))
    if not rows and not asks:
        raise NotApplicable
    return rows, list(asks.values())


def legal_of(row: legal.Row, covered: tuple[str, ...]) -> Legal:
    """The finding's record of the law it was measured against."""
    return Legal(", ".join(covered), row.statute, row.url, row.version,
                 "verified" if row.is_verified else "unverified", row.statute_local)


def data_text(text: Any) -> Any:
    """A sentence part of a legal table (`about`, `after_deadline`, `body`) in the run's
    language: the tables are in English, their texts are in the catalogs."""
    from cxaudit.i18n import ENGLISH, _, current

    if not isinstance(text, str) or current() == ENGLISH:
        return text
    folded = " ".join(text.split())
    return _(folded)


def cite(ctx: CheckContext, row: legal.Row) -> str:
    """The statute and data version, with a note for a row not checked against its statute."""
    from cxaudit.i18n import ENGLISH, current

    statute = row.statute if current() == ENGLISH else row.statute_local or row.statute
    return ctx.say("cite" if row.is_verified else "cite_unverified", statute=statute,
                   version=row.version)


@dataclass(frozen=True)
class Breach:
    """One law broken at one place: the row, the jurisdictions, and what the policy does
    (`detail`, and `lead` when breaches of several laws at one place share it), both already
    said in the rule file's words."""

    path: DocPath
    row: legal.Row
    covered: tuple[str, ...]
    detail: str
    severity: Severity | None = None
    rank: float = 0.0  # the strictest breach at a place leads its finding
    lead: str = ""


def _clause(ctx: CheckContext, group: list[Breach], name: str) -> dict[str, Any]:
    """The sentence (`name`, `name_lead` or `name_leads`) and values of one group of breaches
    in the same jurisdictions; several laws share one lead."""
    first = group[0]
    parts = [(b.detail, cite(ctx, b.row)) for b in group]
    values: dict[str, Any] = {"jurisdictions": list(first.covered), "detail": parts[0][0],
                              "citation": parts[0][1], "lead": first.lead}
    if not first.lead:
        return {"name": name, **values}
    if len(parts) == 1:
        return {"name": f"{name}_lead", **values}
    said = [ctx.say("part", detail=d, citation=c) for d, c in parts]
    return {"name": f"{name}_leads", **values, "parts": said[:-1], "last": said[-1]}


def report(ctx: CheckContext, breaches: Iterable[Breach]) -> Iterator[Outcome]:
    """One violation per place; several laws broken there are listed in one sentence."""
    by_path: dict[DocPath, list[Breach]] = {}
    for b in breaches:
        by_path.setdefault(b.path, []).append(b)
    for path, found in by_path.items():
        found.sort(key=lambda b: (-b.rank, b.covered, b.row.statute))
        groups: dict[tuple[tuple[str, ...], str], list[Breach]] = {}
        for b in found:
            groups.setdefault((b.covered, b.lead or b.detail), []).append(b)
        clauses = [_clause(ctx, g, "clause") for g in groups.values()]
        said = [ctx.say(str(v["name"]), **{k: x for k, x in v.items() if k != "name"})
                for v in clauses]
        more = "".join(f"; {c}" for c in dict.fromkeys(said) if c != said[0])
        lead_values = _clause(ctx, next(iter(groups.values())), "breach")
        stated = [b.severity for b in found if b.severity is not None]
        # a breach without its own severity takes the rule's, the highest a legal rule gives
        severity = None if len(stated) < len(found) else max(stated, key=lambda s: s.rank)
        lead = found[0]
        yield violation(path, lead_values.pop("name"), severity=severity,
                        legal=legal_of(lead.row, lead.covered), more=more, **lead_values)


# When each event a refund deadline may count from comes, after the customer's claim or notice:
# the parameters (rule params) whose durations add up to the gap.
_AFTER_CLAIM: dict[str, tuple[str, ...]] = {
    "receipt": ("return_transit",), "inspection": ("return_transit", "inspection_time")}


def after_claim(ctx: CheckContext, event: Any) -> float:
    """Typical days from the customer's claim to `event` (0 for the claim itself)."""
    return sum(days(ctx.params[p]) or 0.0 for p in _AFTER_CLAIM.get(str(event), ()))


def days(text: Any) -> float | None:
    """Calendar days of a duration or cadence (`14d`, `8w`, `3mo`); bd counted as days."""
    try:
        d = parse_duration(text)
        return float(d.amount) if d.unit == "bd" else (d.minutes or 0) / 1440
    except DurationError:
        pass
    try:
        return parse_cadence(text).days
    except DurationError:
        return None


def policy_days(ctx: CheckContext, d: Duration) -> float:
    """Longest calendar time a policy duration allows; business days on the unit's calendar."""
    if d.unit != "bd":
        return (d.minutes or 0) / 1440
    sched = ctx.facts.schedule(as_of=ctx.as_of)
    work = Workdays() if sched is None else Workdays.of(sched, closed=ctx.as_of is not None)
    return float(span(work, int(d.amount), ctx.as_of or date(2025, 1, 6), longest=True))


def law_days(text: str) -> float:
    """Shortest calendar time a legal deadline gives (business days: Mon-Fri, no holidays)."""
    d = parse_duration(text)
    if d.unit != "bd":
        return (d.minutes or 0) / 1440
    return float(span(Workdays(), int(d.amount), date(2025, 1, 6), longest=False))


def spell(ctx: CheckContext, law_text: str, span: float) -> str:
    """A legal deadline as the rule file says it: `8w (56 days)`, `15bd (at least 21 days)`,
    `14d` (sentences `spell`, `spell_bd`, `spell_days`)."""
    unit = parse_duration(law_text).unit
    name = "spell_days" if unit == "d" else "spell_bd" if unit == "bd" else "spell"
    return ctx.say(name, deadline=law_text, days=span)


def within(written: Duration, policy_span: float, law_text: str, law_span: float) -> bool:
    """A policy deadline inside a legal one: same unit compared directly, else in days."""
    law = parse_duration(law_text)
    if written.unit == "bd" and law.unit == "bd":
        return written.amount <= law.amount
    return policy_span <= law_span
