"""Bad exports: exit 2 naming the file, line, column and JSON path, with a hint, no traceback."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from test_import_mapping import HELPDESK


def copy_of(tmp_path: Path, vendor: str, account: str) -> Path:
    dest = tmp_path / account
    shutil.copytree(HELPDESK / vendor / account, dest)
    return dest


def edit(path: Path, change: Any) -> None:
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data, indent=2))


def failed(r: Any) -> str:
    assert r.exit_code == 2, r.stdout
    assert "Traceback" not in r.stderr and "hint: " in r.stderr
    return str(r.stderr)


def test_truncated_json(cli: Any, tmp_path: Path) -> None:
    root = copy_of(tmp_path, "zendesk", "northwind")
    f = root / "slas" / "policies.json"
    f.write_text(f.read_text()[:900])
    err = failed(cli("import", "zendesk", root))
    assert f"{Path(str(root)) / 'slas' / 'policies.json'}:" in err
    assert "truncated" in err and "export it again" in err


def test_unknown_metric(cli: Any, tmp_path: Path) -> None:
    root = copy_of(tmp_path, "zendesk", "northwind")
    policies = root / "slas" / "policies.json"
    edit(policies, lambda d: d["sla_policies"][2]["policy_metrics"][0].update(
        metric="first_reply"))
    err = failed(cli("import", "zendesk", root))
    line = next(i for i, t in enumerate(policies.read_text().splitlines(), 1)
                if '"first_reply"' in t)
    assert f"policies.json:{line}:" in err
    assert "sla_policies[2].policy_metrics[0].metric: unknown metric 'first_reply'" in err
    assert "did you mean 'first_reply_time'?" in err


def test_unknown_time_zone(cli: Any, tmp_path: Path) -> None:
    root = copy_of(tmp_path, "zendesk", "kyivsoft")
    edit(root / "business_hours" / "schedules.json",
         lambda d: d["schedules"][0].update(time_zone="Kiyv"))
    err = failed(cli("import", "zendesk", root))
    assert "schedules.json:" in err and "schedules[0].time_zone: unknown time zone 'Kiyv'" in err
    assert "did you mean 'Kyiv'?" in err


def test_policy_without_metrics(cli: Any, tmp_path: Path) -> None:
    root = copy_of(tmp_path, "zendesk", "northwind")
    edit(root / "slas" / "policies.json",
         lambda d: d["sla_policies"][1].update(policy_metrics=[]))
    err = failed(cli("import", "zendesk", root))
    assert "sla_policies[1].policy_metrics: SLA policy 'Incidents by e-mail' has no " \
           "policy_metrics" in err


def test_a_missing_page_is_not_silently_dropped(cli: Any, tmp_path: Path) -> None:
    root = copy_of(tmp_path, "zendesk", "kyivsoft")
    (root / "slas" / "policies.2.json").unlink()
    err = failed(cli("import", "zendesk", root))
    assert "policies.json:" in err and "meta.has_more: this is not the last page" in err
    assert "policies.json?page%5Bafter%5D=" in err


@pytest.mark.parametrize(("change", "expected"), [
    (lambda d: d[0]["sla_target"].update(priority_5={"respond_within": 60,
                                                       "business_hours": True}),
     "[0].sla_target.priority_5: unknown priority 'priority_5'"),
    (lambda d: d[1]["sla_target"]["priority_4"].update(respond_within="5 minutes"),
     ("[1].sla_target.priority_4.respond_within: respond_within must be a positive number of "
     "seconds")),
    (lambda d: d[2].update(sla_target={}),
     "[2].sla_target: SLA policy 'Wholesale customers' has no sla_target"),
])
def test_freshdesk_policy_errors(cli: Any, tmp_path: Path, change: Any, expected: str) -> None:
    root = copy_of(tmp_path, "freshdesk", "brightmart")
    edit(root / "sla_policies.json", change)
    err = failed(cli("import", "freshdesk", root))
    assert "sla_policies.json:" in err and expected in err


def test_freshdesk_time_that_is_not_a_time(cli: Any, tmp_path: Path) -> None:
    root = copy_of(tmp_path, "freshdesk", "fjordline")
    edit(root / "business_hours.json",
         lambda d: d[1]["business_hours"]["monday"].update(end_time="25:00 pm"))
    err = failed(cli("import", "freshdesk", root))
    assert "[1].business_hours.monday.end_time: '25:00 pm'" in err


def test_an_empty_directory(cli: Any, tmp_path: Path) -> None:
    err = failed(cli("import", "zendesk", tmp_path))
    assert "no Zendesk API response found" in err and "slas/policies.json" in err


def test_a_file_of_the_other_helpdesk(cli: Any) -> None:
    err = failed(cli("import", "zendesk", HELPDESK / "freshdesk" / "brightmart" /
                     "sla_policies.json"))
    assert "is not a Zendesk response this import reads" in err


def test_nothing_to_import(cli: Any) -> None:
    err = failed(cli("import", "freshdesk"))
    assert "nothing to import" in err
