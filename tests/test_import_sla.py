"""The SLA table of each imported fixture account against worst cases worked out by hand.

Each test imports an account, then runs `cxaudit sla` over the twelve months from the
configuration's own date (process.updated, the latest updated_at of the export).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from test_import_mapping import HELPDESK


def table(cli: Any, tmp_path: Path, vendor: str, account: str) -> dict[tuple[str, str, str],
                                                                      dict[str, Any]]:
    out = tmp_path / "process.yaml"
    assert cli("import", vendor, HELPDESK / vendor / account, "-o", out).exit_code == 0
    r = cli("sla", out, "-f", "json")
    assert r.exit_code == 0, r.stderr
    return {(row["channel"], row["priority"], row["metric"]): row for row in json.loads(r.stdout)}


def test_northwind(cli: Any, tmp_path: Path) -> None:
    """Mon-Fri 09:00-17:00 New York; closed 4 Jul, 27-28 Nov, 25 Dec, 1 Jan; from 2 Jun 2025.

    Normal e-mail, 8 business hours ("Standard"; the incident policy is limited to incident
    tickets): a message sent Wed 26 Nov 17:00 meets Thanksgiving (Thu, Fri) and the weekend;
    the clock runs from Mon 1 Dec 09:00 and stops at 17:00: 4 days 24 h = 120 h. An ordinary
    week gives Fri 17:00 -> Mon 17:00, 72 h. Urgent e-mail, 1 business hour: the same arrival
    is answered Mon 10:00, 113 h. Chat, 5 business minutes ("Chat and messaging"): Mon 09:05,
    112 h 5 min. The "Live chat" channel's own hours (08:00-16:00 Chicago) are the same hours.
    The VIP policy applies to its organizations only, so it is in no channel's row.
    """
    rows = table(cli, tmp_path, "zendesk", "northwind")
    normal = rows[("email", "normal", "first_response")]
    assert (normal["target"], normal["clock"], normal["worst_case_hours"]) == ("8h", "business",
                                                                               120)
    assert normal["worst_case_arrival"] == "2025-11-26T17:00:00-05:00"
    assert rows[("email", "urgent", "first_response")]["worst_case_hours"] == 113
    assert rows[("web_form", "normal", "first_response")]["worst_case_hours"] == 120
    assert rows[("chat", "normal", "first_response")]["worst_case_hours"] == 112.0833
    assert rows[("live-chat", "normal", "first_response")]["worst_case_hours"] == 112.0833
    assert all(r["target"] != "30m" for r in rows.values())  # no VIP target on any channel


def test_kyivsoft(cli: Any, tmp_path: Path) -> None:
    """Mon-Fri 09:00-18:00, Sat 10:00-14:00 Kyiv; closed 25 Aug and 31 Dec - 2 Jan; from 1 Aug.

    Normal e-mail, 4 business hours: sent Tue 30 Dec 18:00, the desk is closed Wed to Fri and
    opens Sat 3 Jan 10:00 for four hours, exactly the target: due 14:00, 3 days 20 h = 92 h.
    (An ordinary week: Sat 14:00 -> Mon 13:00, 47 h.) Urgent goes to "Urgent, any channel": 1 h
    on the calendar clock.
    """
    rows = table(cli, tmp_path, "zendesk", "kyivsoft")
    normal = rows[("email", "normal", "first_response")]
    assert (normal["target"], normal["worst_case_hours"]) == ("4h", 92)
    assert normal["worst_case_arrival"] == "2025-12-30T18:00:00+02:00"
    urgent = rows[("email", "urgent", "first_response")]
    assert (urgent["target"], urgent["clock"], urgent["worst_case_hours"]) == ("1h", "calendar",
                                                                               1)
    assert rows[("email", "urgent", "periodic_update")]["target"] == "2h"


def test_brightmart(cli: Any, tmp_path: Path) -> None:
    """Mon-Fri 08:00-17:00, Sat 09:00-13:00 New York; no holidays known; from 16 Jun 2025.

    Normal e-mail (priority_2), 8 business hours from the default policy: sent Fri 31 Oct
    17:00, four hours run on Saturday 09:00-13:00 and four on Monday from 08:00: due Mon 3 Nov
    12:00, 67 h plus the hour the clocks go back: 68 h. Urgent chat, 5 calendar minutes
    ("Phone and chat", sources 3 and 7). Normal chat, 30 business minutes: Sat 1 Nov 13:00 ->
    Mon 3 Nov 08:30 = 44.5 h.
    """
    rows = table(cli, tmp_path, "freshdesk", "brightmart")
    normal = rows[("email", "normal", "first_response")]
    assert (normal["target"], normal["worst_case_hours"]) == ("8h", 68)
    assert normal["worst_case_arrival"] == "2025-10-31T17:00:00-04:00"
    assert rows[("chat", "urgent", "first_response")]["worst_case_hours"] == 0.0833
    assert rows[("chat", "normal", "first_response")]["worst_case_hours"] == 44.5
    assert rows[("phone", "normal", "first_response")]["worst_case_hours"] == 44.5


def test_fjordline(cli: Any, tmp_path: Path) -> None:
    """Mon-Fri 07:00-24:00 Stockholm ("11:59:59 pm"); from 10 Sep 2025.

    Normal e-mail, 8 business hours: sent Fri 24 Oct at midnight, the desk reopens Mon 27 Oct
    07:00 and the target ends at 15:00: 63 h, plus the hour the clocks go back on the 26th:
    64 h. Social (sources 5, 6) is on the calendar clock: 1 h for normal priority.
    """
    rows = table(cli, tmp_path, "freshdesk", "fjordline")
    normal = rows[("email", "normal", "first_response")]
    assert (normal["target"], normal["worst_case_hours"]) == ("8h", 64)
    assert normal["worst_case_arrival"] == "2025-10-25T00:00:00+02:00"
    assert rows[("social", "normal", "first_response")]["worst_case_hours"] == 1
    assert rows[("email", "urgent", "first_response")]["worst_case_hours"] == 56.5
