"""Service recovery: a compensation matrix that covers the sector's typical failures, with
thresholds, and remedies a customer can actually use."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from cxaudit.checks.base import CheckContext, Outcome, missing, violation
from cxaudit.checks.sectors import covers, needs_for, uncovered
from cxaudit.model.durations import Duration, parse_duration
from cxaudit.model.findings import Severity
from cxaudit.model.process import MISSING


def _hours(d: Duration) -> float:
    return d.minutes / 60 if d.minutes is not None else d.amount * 24


def _words(ctx: CheckContext, name: str) -> list[str]:
    return [str(k).lower() for k in ctx.params[name]]


def compensation_matrix(ctx: CheckContext) -> Iterator[Outcome]:
    """REC-001: the matrix covers the sector's failures, with thresholds and usable remedies."""
    proc = ctx.process
    base = ("service_recovery", "compensation_matrix")
    matrix = proc.get(base)
    if matrix is MISSING:
        yield missing(base)
        return
    if not isinstance(matrix, list) or not matrix:
        yield violation(base, problem="There is no compensation matrix, so every failure is "
                        "settled case by case, slowly and unevenly")
        return
    sector = proc.organization.sector
    failures = [str(e.get("failure") or "") for e in matrix if isinstance(e, dict)]
    if sector is None:
        yield missing(("organization", "sector"))
    else:
        gaps = uncovered(needs_for(ctx.params["sector_failures"], sector, "failures"), failures)
        if gaps:
            yield violation(base, problem=(
                f"The compensation matrix does not cover {' or '.join(gaps)}, a typical failure "
                f"in {sector.replace('_', ' ')}, so those customers get whatever the agent on "
                "duty thinks fit"))
    for i, entry in enumerate(matrix):
        if isinstance(entry, dict):
            yield from _entry(ctx, base + (i,), entry)


def _entry(ctx: CheckContext, path: tuple[Any, ...], entry: dict[str, Any]) -> Iterator[Outcome]:
    failure = str(entry.get("failure") or f"entry {path[-1] + 1}")
    remedy = entry.get("remedy")
    if not isinstance(remedy, dict) or not remedy.get("type"):
        yield missing(path + ("remedy",), evidence=(
            f"State what a customer gets for '{failure}' (`remedy: {{type, value}}`)."))
    if covers(failure, _words(ctx, "graded")) and "threshold" not in entry:
        yield missing(path + ("threshold",), evidence=(
            f"State from what size of '{failure}' the remedy applies (`threshold`, e.g. 2d)."))
    expires = ctx.process.durations.get(path + ("expires_after",))
    floor = parse_duration(ctx.params["min_validity"])
    if expires is not None and _hours(expires) < _hours(floor):
        yield violation(path + ("expires_after",), Severity.LOW, problem=(
            f"The remedy for '{failure}' expires after {expires.text}, too soon for many "
            "customers to use it, so the apology turns into a second disappointment"))
    limits = entry.get("restrictions")
    narrow = [str(r) for r in limits if covers(str(r).replace("-", "_").replace(" ", "_"),
                                               _words(ctx, "restrictive"))] \
        if isinstance(limits, list) else []
    if narrow:
        yield violation(path + ("restrictions",), Severity.LOW, problem=(
            f"The remedy for '{failure}' can be used only under '{', '.join(narrow)}', so it "
            "fits the company's quiet days rather than the customer's life"))
