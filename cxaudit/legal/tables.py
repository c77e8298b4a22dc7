"""Legal reference tables (`rules/data/legal/*.yaml`): which law applies where, and since when.

A table covers one legal area (the EU, the UK, ...): its member jurisdictions, a data version,
and one row per topic. Rules ask for the rows of a topic that are in force on the as-of date
for a unit's jurisdictions, customers, goods and sector; each jurisdiction is matched
separately, and the answer says which of the unit's jurisdictions each row covers, so a
finding can name them. The tables are data: they are loaded safely, checked for shape, and
never evaluated. A row may say `confidence: high` only with a `verified` record of the page
read and the provision quoted (see rules/data/legal/README.md).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from cxaudit.document.loading import Document, load_file
from cxaudit.errors import InputError, Problem
from cxaudit.legal.shape import row_problems, table_problems

TOPICS = {
    "withdrawal_window": ("minimum", "counted_from"),
    "refund": ("within", "counted_from"),
    "complaint_deadline": ("within",),
    "defect_claim_deadline": ("within", "counted_from"),
    "dispute_body": ("body",),
    "accessibility": ("sectors",),
}
_COMMON = ("topic", "statute", "url", "valid_from", "confidence")
# Kept with the row but not a topic field: the statute's own-language name and the record of
# how the row was (or could not be) checked against the statute's text.
_RECORD = ("statute_local", "verified", "checked", "valid_until")
_CONFIDENCE = ("high", "medium", "low")


@dataclass(frozen=True)
class Row:
    """One topic of one legal area, with where it came from."""

    area: str
    version: str
    topic: str
    statute: str
    url: str
    valid_from: date
    valid_until: date | None
    confidence: str
    fields: Mapping[str, Any]
    statute_local: str = ""
    verified: Mapping[str, Any] | None = None

    @property
    def is_verified(self) -> bool:
        """Whether the row was checked against the statute's own text (`confidence: high`)."""
        return self.confidence == "high"

    def get(self, key: str, default: Any = None) -> Any:
        """A topic field (`minimum`, `within`, `sectors`...)."""
        return self.fields.get(key, default)

    def in_force(self, on: date | None) -> bool:
        """Whether the row applies on `on` (rows without a date to compare are in force)."""
        if on is None:
            return True
        return self.valid_from <= on and (self.valid_until is None or on < self.valid_until)


@dataclass(frozen=True)
class Area:
    """One legal area: its member jurisdictions and rows."""

    name: str
    version: str
    members: frozenset[str]
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class LegalData:
    """Every table of a legal-data directory."""

    directory: str
    areas: tuple[Area, ...]

    def rows(self, topic: str, jurisdictions: Iterable[str], *, on: date | None = None,
             customer_type: str | None = None, sells: Iterable[str] | None = None,
             sector: str | None = None) -> list[tuple[Row, tuple[str, ...]]]:
        """Rows of `topic` in force on `on`, each with the unit's jurisdictions it covers.

        A row limited to some customers, goods or sectors is left out when the unit's fact is
        known and outside the list; unknown facts keep the row (the rule asks for them).
        """
        wanted = [j.strip().upper() for j in jurisdictions]
        out = []
        for area in self.areas:
            covered = tuple(dict.fromkeys(
                j for j in wanted if j == area.name or j.split("-")[0] in area.members))
            if not covered:
                continue
            for row in area.rows:
                if row.topic != topic or not row.in_force(on):
                    continue
                if customer_type and "customers" in row.fields \
                        and customer_type not in row.fields["customers"]:
                    continue
                if sells is not None and "sells" in row.fields \
                        and not set(row.fields["sells"]) & set(sells):
                    continue
                if sector and "sectors" in row.fields and sector not in row.fields["sectors"]:
                    continue
                if sector and sector in (row.fields.get("not_sectors") or ()):
                    continue
                out.append((row, covered))
        return out

    def covers(self, jurisdiction: str) -> bool:
        """Whether any table speaks for this jurisdiction."""
        j = jurisdiction.strip().upper()
        return any(j == a.name or j.split("-")[0] in a.members for a in self.areas)


def _problem(doc: Document, path: tuple[Any, ...], message: str, hint: str) -> Problem:
    line, col = doc.locate(path)
    return Problem(doc.file, line, col, message, hint)


def _date(doc: Document, path: tuple[Any, ...], value: Any,
          problems: list[Problem]) -> date | None:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        problems.append(_problem(doc, path, f"{value!r} is not a date", "write YYYY-MM-DD"))
        return None


def _row(doc: Document, area: str, version: str, i: int, raw: Any,
         problems: list[Problem]) -> Row | None:
    at = ("rows", i)
    if not isinstance(raw, dict):
        problems.append(_problem(doc, at, "a row must be a mapping", "see rules/data/legal"))
        return None
    shape = [_problem(doc, at + path, message, hint)
             for path, message, hint in row_problems(raw)]
    if shape:
        problems.extend(shape)
        return None
    topic = raw.get("topic")
    if topic not in TOPICS:
        problems.append(_problem(doc, at + ("topic",), f"unknown topic {topic!r}",
                                 f"use one of {', '.join(sorted(TOPICS))}"))
        return None
    absent = [k for k in _COMMON + TOPICS[topic] if k not in raw]
    if absent:
        problems.append(_problem(doc, at, f"{topic} row lacks {', '.join(absent)}",
                                 "every row needs a statute, url, valid_from and confidence"))
        return None
    if raw["confidence"] not in _CONFIDENCE:
        problems.append(_problem(doc, at + ("confidence",), "unknown confidence",
                                 f"use one of {', '.join(_CONFIDENCE)}"))
    verified = _verification(doc, at, raw, problems)
    valid_from = _date(doc, at + ("valid_from",), raw["valid_from"], problems)
    until = raw.get("valid_until")
    valid_until = None if until is None else _date(doc, at + ("valid_until",), until, problems)
    if valid_from is None:
        return None
    fields = {k: v for k, v in raw.items() if k not in _COMMON and k not in _RECORD}
    return Row(area, version, topic, " ".join(str(raw["statute"]).split()), str(raw["url"]),
               valid_from, valid_until, str(raw["confidence"]), fields,
               " ".join(str(raw.get("statute_local") or "").split()), verified)


def _verification(doc: Document, at: tuple[Any, ...], raw: Mapping[str, Any],
                  problems: list[Problem]) -> Mapping[str, Any] | None:
    """The `verified` record; a row may say `confidence: high` only with one."""
    record = raw.get("verified")
    if record is None:
        if raw.get("confidence") == "high":
            problems.append(_problem(
                doc, at + ("confidence",), "a row marked `confidence: high` needs a `verified` "
                "record", "add verified: {date: YYYY-MM-DD, against: URL, text: \"the quoted "
                "provision\"}, or mark the row `confidence: medium`"))
        return None
    absent = [k for k in ("date", "against", "text") if not isinstance(record, dict) or
              not record.get(k)]
    if absent:
        problems.append(_problem(doc, at + ("verified",), f"verified record lacks "
                                 f"{', '.join(absent)}", "give date (when it was read), "
                                 "against (the URL read) and text (the provision quoted)"))
        return None
    _date(doc, at + ("verified", "date"), record["date"], problems)
    return dict(record)


def _area(path: Path, problems: list[Problem], bundled: bool = False) -> Area | None:
    """One table; a bundled one is read from its kept copy (without positions), and read
    again from its file only when it has a problem to report at its line."""
    if bundled:
        from cxaudit.document.kept import bundled_yaml

        # read as a user's table is (YAML 1.2: `NO` is Norway, not false), then kept
        data = bundled_yaml(path, lambda p: load_file(p, kind="legal").data)
        if isinstance(data, dict):
            found: list[Problem] = []
            area = _area_of(Document(str(path), data, {}), found)
            if not found:
                return area
    return _area_of(load_file(path, kind="legal"), problems)


def _area_of(doc: Document, problems: list[Problem]) -> Area | None:
    data = doc.data
    absent = [k for k in ("area", "version", "members", "rows") if k not in data]
    if absent:
        problems.append(Problem(doc.file, 1, 1, f"legal table lacks {', '.join(absent)}",
                                "see rules/data/legal/README.md for the layout"))
        return None
    shape = [_problem(doc, path, message, hint) for path, message, hint in table_problems(data)]
    if shape:
        problems.extend(shape)
        return None
    rows = [_row(doc, str(data["area"]), str(data["version"]), i, r, problems)
            for i, r in enumerate(data["rows"])]
    members = frozenset(str(m).upper() for m in data["members"])
    return Area(str(data["area"]).upper(), str(data["version"]), members,
                tuple(r for r in rows if r is not None))


@lru_cache(maxsize=8)
def _load(directory: str) -> LegalData:
    root = Path(directory)
    if not root.is_dir():
        raise InputError([Problem(directory, 0, 0, "legal data directory not found",
                                  "pass a directory of legal tables (*.yaml)")])
    problems: list[Problem] = []
    bundled = root == Path(bundled_dir())
    areas = [_area(p, problems, bundled) for p in sorted(root.glob("*.yaml"))]
    if problems:
        raise InputError(problems)
    found = tuple(a for a in areas if a is not None)
    if not found:
        raise InputError([Problem(directory, 0, 0, "no legal tables (*.yaml) in this directory",
                                  "copy rules/data/legal and edit it")])
    return LegalData(directory, found)


def bundled_dir() -> str:
    """The legal tables shipped with cxaudit."""
    from cxaudit import resources

    return str(resources.rules_dir() / "data" / "legal")


def load(directory: str | os.PathLike[str] | None = None) -> LegalData:
    """The legal tables of `directory` (the bundled ones by default), cached."""
    return _load(os.fspath(directory) if directory is not None else bundled_dir())


def versions(data: LegalData) -> dict[str, str]:
    """Area -> data version, for reports."""
    return {a.name: a.version for a in data.areas}
