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

_SECTOR = ("State the sector (`organization.sector`): which of these laws apply depends on "
           "it.")
_FACTS: tuple[tuple[str, str, DocPath, str], ...] = (
    ("customers", "customer_type", ("organization", "customer_type"),
     ("State who the customers are (`organization.customer_type`: b2c, b2b or mixed): "
      "consumer law applies only to consumers.")),
    ("sectors", "sector", ("organization", "sector"), _SECTOR),
    ("not_sectors", "sector", ("organization", "sector"), _SECTOR),
    ("sells", "sells", ("organization", "sells"),
     "State what is sold (`organization.sells`): these laws concern physical goods."),
)


def needs_jurisdictions(ctx: CheckContext) -> Outcome | None:
    """Needs evidence when the unit does not say whose law applies."""
    if not ctx.process.organization.jurisdictions:
        return missing(("organization", "jurisdictions"),
                       evidence="State where customers are served (`organization."
                       "jurisdictions`, ISO 3166 codes) so the legal minimums can be checked.")
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
        unknown = [(path, text) for field, attr, path, text in _FACTS
                   if field in row.fields and getattr(org, attr) is None]
        for path, text in unknown:
            asks.setdefault(path, missing(path, evidence=text))
        if not unknown:  # named in a fixed order, whatever order the file lists them in
            rows.append((row, tuple(sorted(covered))))
    if not rows and not asks:
        raise NotApplicable
    return rows, list(asks.values())


def legal_of(row: legal.Row, covered: tuple[str, ...]) -> Legal:
    """The finding's record of the law it was measured against."""
    return Legal(", ".join(covered), row.statute, row.url, row.version,
                 "verified" if row.is_verified else "unverified")


def cite(row: legal.Row) -> str:
    """`Statute; legal data v` and, for a row not checked against its statute, a closing note."""
    note = "" if row.is_verified else "; this row is not yet verified against the statute's text"
    return f"{row.statute}; legal data {row.version}{note}"


@dataclass(frozen=True)
class Breach:
    """One law broken at one place: the row, the jurisdictions, and what the policy does."""

    path: DocPath
    row: legal.Row
    covered: tuple[str, ...]
    detail: str
    severity: Severity | None = None
    rank: float = 0.0  # the strictest breach at a place leads its finding
    lead: str = ""  # what the policy does, shared by breaches of several laws at one place


def clause(group: list[Breach]) -> str:
    """`in DE, AT, <detail> (<statute>; legal data <v>)`; one lead for several laws."""
    first = group[0]
    where = f"in {', '.join(first.covered)}, "
    parts = [f"{b.detail} ({cite(b.row)})" for b in group]
    if not first.lead:
        return where + parts[0]
    if len(parts) == 1:
        return f"{where}{first.lead}, {parts[0]}"
    return f"{where}{first.lead}: {', '.join(parts[:-1])}, and {parts[-1]}"


def report(breaches: Iterable[Breach]) -> Iterator[Outcome]:
    """One violation per place; several laws broken there are listed in one sentence."""
    by_path: dict[DocPath, list[Breach]] = {}
    for b in breaches:
        by_path.setdefault(b.path, []).append(b)
    for path, found in by_path.items():
        found.sort(key=lambda b: (-b.rank, b.covered, b.row.statute))
        groups: dict[tuple[tuple[str, ...], str], list[Breach]] = {}
        for b in found:
            groups.setdefault((b.covered, b.lead or b.detail), []).append(b)
        text = "; ".join(dict.fromkeys(clause(g) for g in groups.values()))
        stated = [b.severity for b in found if b.severity is not None]
        # a breach without its own severity takes the rule's, the highest a legal rule gives
        severity = None if len(stated) < len(found) else max(stated, key=lambda s: s.rank)
        lead = found[0]
        yield violation(path, severity, legal=legal_of(lead.row, lead.covered),
                        detail=text[0].upper() + text[1:], statute=lead.row.statute,
                        jurisdiction=", ".join(lead.covered), data_version=lead.row.version,
                        caveat="")


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


def spell(law_text: str, span: float) -> str:
    """`8w (56 days)`, `15bd (at least 21 days)`, `14d`."""
    unit = parse_duration(law_text).unit
    if unit == "d":
        return law_text
    return f"{law_text} ({'at least ' if unit == 'bd' else ''}{span:g} days)"


def within(written: Duration, policy_span: float, law_text: str, law_span: float) -> bool:
    """A policy deadline inside a legal one: same unit compared directly, else in days."""
    law = parse_duration(law_text)
    if written.unit == "bd" and law.unit == "bd":
        return written.amount <= law.amount
    return policy_span <= law_span
