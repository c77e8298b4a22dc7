"""The legal and sector tables as data: every row says how it was checked, rows change with the
law's dates, sector defaults cover every sector the vocabulary names."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from cxaudit.checks import sectors
from cxaudit.errors import InputError
from cxaudit.legal import tables as legal

LEGAL = Path(legal.bundled_dir())


def _raw_rows() -> list[tuple[str, dict[str, object]]]:
    return [(p.name, row) for p in sorted(LEGAL.glob("*.yaml"))
            for row in yaml.safe_load(p.read_text(encoding="utf-8"))["rows"]]


@pytest.mark.parametrize(("table", "row"), _raw_rows(),
                         ids=[f"{t}:{r['topic']}:{r['statute']}" for t, r in _raw_rows()])
def test_every_row_records_how_it_was_checked(table: str, row: dict[str, object]) -> None:
    if row["confidence"] == "high":
        record = row["verified"]
        assert isinstance(record, dict) and set(record) >= {"date", "against", "text"}
        assert str(record["against"]).startswith("http")
    else:
        record = row["checked"]
        assert isinstance(record, dict) and set(record) >= {"date", "seen", "text"}
        assert "read" in str(record["text"])  # it says what could and could not be read
    assert len(str(record["text"])) > 80  # a quoted provision, not a placeholder


def test_statutes_carry_their_own_language_names() -> None:
    rows = [r for a in legal.load().areas if a.name in ("RU", "UA", "PL") for r in a.rows]
    assert rows and all(r.statute_local for r in rows)
    ua = next(r for a in legal.load().areas if a.name == "UA" for r in a.rows)
    assert ua.statute_local.startswith("Закон України «Про захист прав споживачів»")


def _copy(tmp_path: Path) -> Path:
    pinned = tmp_path / "legal"
    shutil.copytree(LEGAL, pinned)
    return pinned


def test_a_high_confidence_row_without_its_record_is_refused(tmp_path: Path) -> None:
    pinned = _copy(tmp_path)
    ru = pinned / "ru.yaml"
    text = ru.read_text(encoding="utf-8")
    start = text.index("    verified:")
    ru.write_text(text[:start] + text[text.index("  - topic: refund"):], encoding="utf-8")
    with pytest.raises(InputError) as exc:
        legal.load(pinned)
    assert f"{ru}:17:5: a row marked `confidence: high` needs a `verified` record" \
        in str(exc.value)


def test_polish_complaint_deadline_follows_the_law_in_force() -> None:
    data = legal.load()

    def within(on: date) -> list[str]:
        return [r.get("within") for r, _ in data.rows("complaint_deadline", ["PL"], on=on,
                                                      customer_type="b2c", sector="retail_ecommerce")]
    assert within(date(2016, 6, 1)) == []
    assert within(date(2022, 12, 31)) == ["30d"]
    assert within(date(2023, 1, 1)) == ["14d"]
    # banks, insurers and telecoms answer under their own laws (PSD2 for payments)
    assert [r.area for r, _ in data.rows("complaint_deadline", ["PL"], on=date(2026, 1, 1),
                                         customer_type="b2c", sector="bank")] == ["EU"]


def _unit(tmp_path: Path, body: str) -> list[dict[str, Any]]:
    from typer.testing import CliRunner

    from cxaudit.cli import app

    doc = tmp_path / "p.yaml"
    doc.write_text("apiVersion: cxaudit/v1\nkind: CustomerServiceProcess\n"
                   "process: {id: x, name: X, updated: 2026-11-01}\n" + body, encoding="utf-8")
    res = CliRunner().invoke(app, ["check", str(doc), "-f", "json", "--fail-on", "none"])
    findings: list[dict[str, Any]] = json.loads(res.stdout)["findings"]
    return findings


def test_a_polish_shop_without_a_stated_sector_is_asked_for_it(tmp_path: Path) -> None:
    found = _unit(tmp_path, "organization: {customer_type: b2c, jurisdictions: [PL]}\n"
                  "complaints: {final_response_within: 30d}\n")
    cmp = [(f["kind"], f["location"]["path"]) for f in found if f["rule_id"] == "CMP-003"]
    assert cmp == [("needs-evidence", "organization.sector")]


def test_an_unverified_row_says_so_in_a_closing_clause(tmp_path: Path) -> None:
    found = _unit(tmp_path, "organization: {customer_type: b2c, jurisdictions: [PL], "
                  "sector: retail_ecommerce}\ncomplaints: {final_response_within: 30d}\n")
    cmp = next(f for f in found if f["rule_id"] == "CMP-003")
    message = str(cmp["message"])
    assert message.startswith("In PL, complaints get a final answer within 30d, which allows "
                              "up to 30 calendar days, more than the 14d the law allows for "
                              "consumer complaints; after that the complaint counts as accepted")
    assert message.endswith("legal data pl-2026-12; this row is not yet verified against the "
                            "statute's text).")
    assert cmp["legal"] == {"jurisdiction": "PL", "confidence": "unverified",
                            "data_version": "pl-2026-12",
                            "statute": "Consumer Rights Act of 30 May 2014, Art. 7a",
                            "url": "https://isap.sejm.gov.pl/isap.nsf/DocDetails.xsp?id="
                                   "WDU20140000827"}


def test_every_eu_consumer_trader_names_an_adr_body(tmp_path: Path) -> None:
    found = _unit(tmp_path, "organization: {customer_type: b2c, jurisdictions: [NL], "
                  "sector: restaurant}\ncomplaints:\n  external_dispute_body: "
                  "{named_in_final_response: false}\n")
    cmp = [f for f in found if f["rule_id"] == "CMP-007"]
    assert len(cmp) == 1
    assert "Directive 2013/11/EU (consumer ADR), Art. 13(3)" in str(cmp[0]["message"])


# -- sector defaults --------------------------------------------------------------------------

def _vocabulary_sectors() -> list[str]:
    from cxaudit.model.terms import TERMS

    term = next(t for t in TERMS if t.path == "organization.sector")
    return list(term.known)


@pytest.mark.parametrize("sector", _vocabulary_sectors())
def test_every_sector_the_vocabulary_names_has_defaults(sector: str) -> None:
    table = sectors.bundled()
    assert sector in table, f"add {sector} to rules/data/sectors.yaml"
    if sector == "other":
        assert table[sector] == {}
        return
    assert sectors.needs_for([], sector, "failures"), sector
    assert sectors.needs_for([], sector, "proactive"), sector


def test_sector_flags_keep_the_catalogue_defaults() -> None:
    table = sectors.bundled()
    assert sorted(s for s in _vocabulary_sectors() if sectors.flag("round_the_clock", s)) == [
        "bank", "healthcare", "marketplace", "saas_b2b", "telecom", "utility"]
    assert sectors.flag("order_tracking", "retail_ecommerce")
    assert not sectors.flag("order_tracking", "bank")
    assert all(set(v) <= {"failures", "proactive", "round_the_clock", "order_tracking"}
               for v in table.values())


def test_a_pack_table_replaces_the_bundled_one() -> None:
    own = [{"sectors": ["cinema"], "needs": [{"name": "broken seats", "keywords": ["seat"]}]}]
    assert sectors.needs_for(own, "cinema", "failures") == [("broken seats", ("seat",))]
    assert sectors.needs_for(own, "bank", "failures") == []


@pytest.mark.parametrize("sector", [s for s in _vocabulary_sectors() if s != "other"])
def test_a_unit_in_any_sector_is_held_to_its_sector_defaults(sector: str,
                                                             tmp_path: Path) -> None:
    found = _unit(tmp_path, f"organization: {{sector: {sector}}}\n"
                  "journey: {proactive_notifications: [newsletter]}\n"
                  "service_recovery:\n  compensation_matrix:\n"
                  "    - {failure: rude_staff, remedy: {type: apology}}\n")
    failing = {f["rule_id"] for f in found if f["kind"] == "violation"}
    assert {"JRN-003", "REC-001"} <= failing
