"""Legal tables: loading, matching per jurisdiction, pinning with --legal-data."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from conftest import EXAMPLES
from typer.testing import CliRunner

from cxaudit.cli import app
from cxaudit.errors import InputError
from cxaudit.legal import tables as legal

runner = CliRunner()


def test_bundled_tables_load_with_versions() -> None:
    data = legal.load()
    assert legal.versions(data) == {"EU": "eu-2026-12", "GB": "gb-2026-12", "PL": "pl-2026-12",
                                    "RU": "ru-2026-12", "UA": "ua-2026-12"}


def test_each_jurisdiction_is_matched_to_its_own_table() -> None:
    rows = legal.load().rows("withdrawal_window", ["DE-BE", "AT", "RU", "US"],
                             customer_type="b2c", sells=["physical_goods"])
    assert [(r.area, covered) for r, covered in rows] == [("EU", ("DE-BE", "AT")),
                                                          ("RU", ("RU",))]


def test_rows_outside_the_units_customers_or_sector_are_left_out() -> None:
    data = legal.load()
    assert data.rows("withdrawal_window", ["DE"], customer_type="b2b") == []
    assert data.rows("complaint_deadline", ["GB"], sector="retail_ecommerce") == []
    assert [r.statute[:8] for r, _ in data.rows("complaint_deadline", ["GB"],
                                                  sector="telecom")] == ["Ofcom Ge"]


def test_rows_are_in_force_from_valid_from() -> None:
    data = legal.load()
    assert data.rows("accessibility", ["DE"], on=date(2025, 6, 27), sector="bank") == []
    assert len(data.rows("accessibility", ["DE"], on=date(2025, 6, 28), sector="bank")) == 1


def test_unverified_rows_say_so_in_the_finding(tmp_path: Path) -> None:
    doc = tmp_path / "p.yaml"
    doc.write_text("apiVersion: cxaudit/v1\nkind: CustomerServiceProcess\n"
                   "process: {id: x, name: X, updated: 2025-10-01}\n"
                   "organization: {customer_type: b2c, jurisdictions: [GB], "
                   "sells: [physical_goods]}\n"
                   "returns: {window: 10d, window_starts: delivery, "
                   "info_given_at_delivery: {written: true}}\n", encoding="utf-8")
    res = runner.invoke(app, ["check", str(doc), "-f", "json", "--fail-on", "none"])
    found = [f for f in json.loads(res.stdout)["findings"] if f["rule_id"] == "RET-001"]
    assert len(found) == 1
    assert found[0]["legal"] == {
        "jurisdiction": "GB", "confidence": "unverified", "data_version": "gb-2026-12",
        "statute": "Consumer Contracts (Information, Cancellation and Additional Charges) "
                   "Regulations 2013, reg. 29-31",
        "url": "https://www.legislation.gov.uk/uksi/2013/3134/contents"}
    # the caveat closes the sentence; it never leads it
    assert found[0]["message"].startswith("In GB, the policy gives 10d from the delivery")
    assert found[0]["message"].endswith("; legal data gb-2026-12; this row is not yet verified "
                                        "against the statute's text).")


def _pinned(tmp_path: Path, old: str, new: str) -> Path:
    pinned = tmp_path / "legal"
    shutil.copytree(legal.bundled_dir(), pinned)
    eu = pinned / "eu.yaml"
    text = eu.read_text(encoding="utf-8")
    assert old in text
    eu.write_text(text.replace(old, new), encoding="utf-8")
    return pinned


def test_legal_data_option_pins_another_table(tmp_path: Path) -> None:
    pinned = _pinned(tmp_path, "    minimum: 14d\n", "    minimum: 45d\n")
    shop = str(EXAMPLES / "online-shop.yaml")
    res = runner.invoke(app, ["check", shop, "-f", "json", "--legal-data", str(pinned)])
    ret = [f for f in json.loads(res.stdout)["findings"] if f["rule_id"] == "RET-001"]
    assert [(f["severity"], f["legal"]["jurisdiction"], f["legal"]["data_version"])
            for f in ret] == [("critical", "AT, DE", "eu-2026-12")]
    assert "less than the 45 days" in ret[0]["message"]
    assert res.exit_code == 1
    plain = runner.invoke(app, ["check", shop, "-f", "json"])
    assert not [f for f in json.loads(plain.stdout)["findings"] if f["rule_id"] == "RET-001"]


def test_broken_table_names_file_line_and_column(tmp_path: Path) -> None:
    pinned = _pinned(tmp_path, "  - topic: refund\n", "  - topic: refunds\n")
    res = runner.invoke(app, ["check", str(EXAMPLES / "online-shop.yaml"),
                              "--legal-data", str(pinned)])
    assert res.exit_code == 2
    assert f"{pinned / 'eu.yaml'}:" in res.stderr
    assert "unknown topic 'refunds'" in res.stderr and "use one of" in res.stderr


def test_impossible_date_is_refused_by_the_loader(tmp_path: Path) -> None:
    pinned = _pinned(tmp_path, "valid_from: 2014-06-13\n", "valid_from: 2014-13-40\n")
    with pytest.raises(InputError) as exc:
        legal.load(pinned)
    line = next(i for i, text in enumerate((pinned / "eu.yaml").read_text().splitlines(), 1)
                if "2014-13-40" in text)
    assert f"{pinned / 'eu.yaml'}:{line}:17: '2014-13-40' is not a real calendar date" \
        in str(exc.value)


def test_row_without_a_statute_is_refused(tmp_path: Path) -> None:
    pinned = _pinned(tmp_path, "    statute: Directive 2011/83/EU (Consumer Rights Directive), "
                     "Art. 13\n", "")
    with pytest.raises(InputError) as exc:
        legal.load(pinned)
    assert "refund row lacks statute" in str(exc.value)


def test_missing_directory_is_a_usage_error(tmp_path: Path) -> None:
    res = runner.invoke(app, ["check", str(EXAMPLES / "online-shop.yaml"),
                              "--legal-data", str(tmp_path / "nope")])
    assert res.exit_code == 2
    assert "legal data directory not found" in res.stderr


def test_jurisdictions_are_named_in_the_same_order_however_the_file_lists_them(
        tmp_path: Path) -> None:
    messages = []
    for order in ("[DE, RU, AT]", "[RU, AT, DE]"):
        doc = tmp_path / "p.yaml"
        doc.write_text("apiVersion: cxaudit/v1\nkind: CustomerServiceProcess\n"
                       "process: {id: x, name: X, updated: 2025-10-01}\n"
                       f"organization: {{customer_type: b2c, jurisdictions: {order}, "
                       "sells: [physical_goods]}\n"
                       "returns: {window: 5d, window_starts: delivery, "
                       "info_given_at_delivery: {written: true}}\n", encoding="utf-8")
        res = runner.invoke(app, ["check", str(doc), "-f", "json", "--fail-on", "none"])
        found = [f for f in json.loads(res.stdout)["findings"] if f["rule_id"] == "RET-001"]
        assert len(found) == 1
        messages.append((found[0]["message"], found[0]["legal"]["jurisdiction"]))
    assert messages[0] == messages[1]
    assert messages[0][0].startswith("In AT, DE, the policy gives 5d")
    assert "; in RU, the policy gives 5d" in messages[0][0]


def test_a_shop_in_two_jurisdictions_is_held_to_each_law() -> None:
    from cxaudit.api import audit

    unit = audit([str(EXAMPLES / "ru-shop-eu-buyers.yaml")]).units[0]
    legal_findings = sorted((f.rule_id, f.legal.jurisdiction, f.legal.data_version)
                            for f in unit.findings if f.legal is not None)
    assert legal_findings == [("CMP-003", "RU", "ru-2026-12"), ("RET-001", "PL", "eu-2026-12"),
                              ("RET-002", "PL", "eu-2026-12")]


def test_uk_bank_two_months_is_not_eight_weeks() -> None:
    from cxaudit.api import audit

    unit = audit([str(EXAMPLES / "uk-bank-contact-centre.yaml")]).units[0]
    cmp = [f for f in unit.findings if f.rule_id in ("CMP-003", "CMP-007")]
    # one finding for the one target, naming both laws it breaks, the strictest first
    assert [(f.rule_id, f.severity.value, f.location.path) for f in cmp] == [
        ("CMP-003", "critical", "complaints.final_response_within")]
    assert cmp[0].legal is not None
    assert cmp[0].legal.statute.startswith("Payment Services Regulations 2017, reg. 101")
    assert "beyond even the 35bd (at least 49 days) allowed with a holding reply" in cmp[0].message
    assert "and more than the 8w (56 days) the law allows; after that the customer may take " \
           "the complaint to the Financial Ombudsman Service" in cmp[0].message
