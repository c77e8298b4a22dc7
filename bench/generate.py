"""Generate a corpus of varied, realistic process files for the benchmark.

    python bench/generate.py OUT_DIR [N]

Deterministic: the same N gives the same files. Each file is a plausible unit of a retailer,
SaaS desk, bank or telecom, about 4-6 KB, with its own hours, channels, SLA policies,
escalation path, returns, feedback and ownership, so rules see a realistic spread of passes,
failures and gaps.
"""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta
from pathlib import Path

import yaml

SECTORS = [("retail_ecommerce", ["physical_goods"], "b2c"), ("saas_b2b", ["subscriptions"], "b2b"),
           ("bank", ["services"], "b2c"), ("telecom", ["subscriptions", "services"], "mixed"),
           ("marketplace", ["physical_goods", "services"], "b2c")]
COUNTRIES = [("DE", "Europe/Berlin", "DE-BE"), ("AT", "Europe/Vienna", "AT"),
             ("GB", "Europe/London", "GB-ENG"), ("UA", "Europe/Kyiv", "UA"),
             ("RU", "Europe/Moscow", "RU"), ("PL", "Europe/Warsaw", "PL")]
DAYS = ["mon", "tue", "wed", "thu", "fri"]
PEOPLE = ["Jana Roth", "Ali Demir", "Olena Koval", "Mara Klein", "Tom Berg", "Ivan Petrov",
          "Sofia Nowak", "Lukas Bauer", "Anna Shevchenko", "Piotr Zielinski"]


def _hours(rng: random.Random) -> list[dict[str, object]]:
    open_h, close_h = rng.choice([(8, 20), (9, 18), (9, 17), (10, 19), (0, 24)])
    rows: list[dict[str, object]] = [{"days": DAYS, "open": f"{open_h:02d}:00",
                                      "close": f"{close_h:02d}:00"}]
    if rng.random() < 0.5:
        rows.append({"days": ["sat"], "open": "10:00", "close": "16:00"})
    return rows


def _targets(rng: random.Random, scale: float) -> dict[str, dict[str, str]]:
    base = {"urgent": 1, "high": 2, "normal": 4, "low": 8}
    fr = {p: f"{max(1, round(h * scale))}h" for p, h in base.items()}
    if rng.random() < 0.15:
        fr["urgent"] = "6h"  # an inversion now and then
    return {"first_response": fr,
            "next_response": {p: f"{max(1, round(h * scale * 2))}h" for p, h in base.items()},
            "resolution": {"urgent": "8h", "high": "1bd", "normal": "2bd",
                           "low": rng.choice(["5bd", "3bd"])}}


def unit(i: int) -> dict[str, object]:
    """One synthetic process description."""
    rng = random.Random(i)
    sector, sells, ctype = rng.choice(SECTORS)
    country, tz, cal = rng.choice(COUNTRIES)
    physical = "physical_goods" in sells
    owner = rng.sample(PEOPLE, 4)
    doc: dict[str, object] = {
        "apiVersion": "cxaudit/v1", "kind": "CustomerServiceProcess",
        "process": {"id": f"unit-{i:05d}", "name": f"Unit {i} ({sector}, {country})",
                    "version": rng.randint(1, 12), "status": "active",
                    "owner": {"team": "Customer Care", "email": f"care{i}@example.com"},
                    "updated": f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"},
        "organization": {"name": f"Company {i}", "sector": sector, "customer_type": ctype,
                         "jurisdictions": [country], "sells": sells,
                         "size": {"active_customers": rng.randint(500, 500000),
                                  "support_agents": rng.randint(2, 80)}},
        "business_hours": {"timezone": tz, "schedule": _hours(rng), "holiday_calendar": cal,
                           "after_hours": {"coverage": rng.choice(["none", "bot", "on_call"])}},
        "sla_policies": [
            {"id": "standard", "applies_to": {"channels": ["email", "web_form"]},
         "clock": rng.choice(["business", "calendar"]), "pause_on": ["waiting_on_customer"],
             "first_response_counts": rng.choice(["human", "any_public_reply"]),
             "targets": _targets(rng, rng.choice([0.5, 1, 2, 6])), "attainment_target_pct": 90},
            {"id": "live", "applies_to": {"channels": ["chat", "phone"]}, "clock": "business",
             "targets": {"first_response": {"normal": "2m"}, "resolution": {"normal": "2bd"}}},
        ],
        "channels": [
            {"id": "email", "type": "email", "enabled": True,
             "purposes": ["support", "complaints", "returns"], "sla_policy": "standard",
             "auto_acknowledge": {"enabled": True, "states_expected_time": rng.random() < 0.7}},
            {"id": "web_form", "type": "web_form", "enabled": True,
             "purposes": ["support", "complaints"], "sla_policy": "standard"},
            {"id": "chat", "type": "chat", "enabled": rng.random() < 0.8,
             "purposes": ["support", "sales"], "sla_policy": "live"},
            {"id": "phone", "type": "phone", "enabled": True, "purposes": ["support"],
             "sla_policy": "live", "phone": {"service_level": {"pct": 80, "within": "30s"},
                                             "max_abandon_pct": 5, "cost": "standard_rate"}},
            {"id": "instagram", "type": "social", "enabled": True,
             "purposes": rng.choice([["marketing"], ["marketing", "support"]]),
             "social": {"platform": "instagram", "monitored": rng.random() < 0.5}},
        ],
        "escalation": {"policy": "hybrid", "customer_can_request": rng.random() < 0.6, "levels": [
            {"level": 1, "name": "Shift lead", "type": "functional",
             "trigger": {"metric": "resolution", "at_pct_of_target": rng.choice([50, 80, 100])},
             "owner": {"name": owner[0], "role": "team_lead",
                       "contact": f"{owner[0].split()[0].lower()}@example.com"}},
            {"level": 2, "name": "Head of care", "type": "hierarchical",
             "trigger": {"metric": "resolution", "on": "breach", "after": "4h"},
             "owner": rng.choice([{"name": owner[1], "role": "head_of_care",
                                   "contact": "head@example.com"},
                                  {"role": "leads", "contact": "support-leads@example.com"}])},
        ][: rng.choice([1, 2, 2])]},
        "complaints": {"published": {"website": True, "in_parcel": physical},
                       "intake_channels": ["email", "web_form", "phone"], "free_of_charge": True,
                       "acknowledge_within": "1bd", "resolve_within": rng.choice(["10bd", "15bd"]),
                       "owner_per_case": rng.random() < 0.7,
                       "recording": {"categorised": True, "root_cause_taxonomy": rng.random() < .5},
                       "review": {"cadence": "1mo", "owner": "head_of_care"}},
        "feedback": {
            "surveys": [{"type": "csat", "mode": "transactional", "trigger": "ticket_solved",
                         "send_after": "24h", "scale": 5,
                         "reviewed": {"cadence": "1w", "owner": "team_lead"}},
                        {"type": "nps", "mode": "relationship", "cadence": "90d", "scale": 10,
                         "reviewed": {"cadence": "1mo", "owner": "head_of_care"}}],
            "closed_loop": {"detractors": {"enabled": rng.random() < 0.8,
                                           "within": rng.choice(["24h", "48h", "5bd"]),
                                           "owner_role": "team_lead",
                                           "not_involved_agent": rng.random() < 0.7}},
            "churn": {"measured": True, "target_pct": rng.choice([0, 10, 20, 25]),
                      "cause_analysis": {"cadence": "1q",
                                         "exit_reason_captured": rng.random() < 0.5}}},
        "ownership": {"executive_sponsor": {"role": rng.choice(["ceo", "coo", "founder"]),
                                            "name": owner[2]},
                      "cx_owner": {"role": "head_of_care", "name": owner[3],
                                   "mandate": "cross_functional"}},
        "marketing": {"active_channels": ["instagram", "newsletter"],
                      "paid_acquisition": rng.random() < 0.6},
    }
    doc["self_service"] = {"knowledge_base": {"exists": True, "linked_from_contact_page": True,
                                              "last_reviewed": "2025-06-30"},
                           "order_tracking": physical, "status_page": sector == "saas_b2b"}
    doc["service_recovery"] = {
        "compensation_matrix": [{"failure": "late_delivery", "threshold": "2d",
                                 "remedy": {"type": "voucher", "value": "10 EUR"},
                                 "proactive": rng.random() < 0.5, "expires_after": "365d"}],
        "frontline_authority": {"max_amount": rng.choice([0, 25, 50]), "currency": "EUR",
                                "without_approval": True},
        "recovery_within": "48h", "log_to_root_cause": rng.random() < 0.5}
    doc["journey"] = {"maps": [{"name": "order-to-return", "last_reviewed": "2025-03-20",
                                "workshop_participants": ["care", "warehouse", "logistics"],
                                "pain_points": [{"id": "PP-1", "description": "Address change "
                                                 "after dispatch is impossible",
                                                 "owner": "logistics", "due": "2025-12-01"}]}],
                      "personas": ["weekend_hiker"],
                      "proactive_notifications": ["order_delayed"]}
    doc["data"] = {"systems": [{"name": "Zendesk", "role": "helpdesk", "since": 2016 + i % 9}],
                   "single_ticketing_system": rng.random() < 0.8,
                   "customer_history_shared_across_channels": True,
                   "exports": {"api": True}, "feedback_linked_to_crm": rng.random() < 0.5}
    if physical:
        doc["returns"] = {
            "applicable": True, "window": rng.choice(["14d", "30d", "100d"]),
            "window_starts": rng.choice(["delivery", "purchase"]),
            "free_for_customer": rng.random() < 0.7, "methods": ["drop_off", "courier_pickup"],
            "prepaid_label": {"provided": True,
                              "applies_to": rng.choice(["all", "all", "defective_only"]),
                              "delivery": rng.choice(["in_parcel", "download"]), "prefilled": True},
            "restocking_fee_pct": rng.choice([0, 0, 0, 10]),
            "refund": {"trigger": "receipt", "within": "5d", "deadline_from": "receipt",
                       "default_method": "original_payment"}}
    else:
        doc["returns"] = {"applicable": False}
    return doc


def write_corpus(out: Path, n: int) -> list[Path]:
    """Write n files into out/ and return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    files = []
    for i in range(n):
        f = out / f"unit-{i:05d}.yaml"
        f.write_text(yaml.safe_dump(unit(i), sort_keys=False, allow_unicode=True), encoding="utf-8")
        files.append(f)
    return files


CHANNEL_TYPES = ["email", "web_form", "chat", "phone", "social", "messenger"]
METRICS = ["first_response", "next_response", "resolution"]


def large_unit(channels: int = 400, policies: int = 100, holidays: int = 600,
               pad: int = 0) -> dict[str, object]:
    """One unit at the size limit: many channels, each with its own policy, hours and holidays.

    `pad` pain points on the journey map (structured items, not long strings, so the file
    costs the parser what real content would) bring the file near the size limit.
    """
    doc = unit(0)
    rng = random.Random(7)
    hours = doc["business_hours"]
    assert isinstance(hours, dict)
    day0 = date(2021, 1, 4)
    hours["holidays"] = [{"date": (day0 + timedelta(days=6 * i + i % 5)).isoformat(),
                          "name": f"Closure {i}: regional day off for site {i % 40}",
                          "closed": True} for i in range(holidays)]
    doc["sla_policies"] = [
        {"id": f"p{p:03d}", "name": f"Policy {p}",
         "applies_to": {"channels": [f"c{c:03d}" for c in range(p, channels, policies)]},
         "clock": rng.choice(["business", "calendar"]), "pause_on": ["waiting_on_customer"],
         "targets": {m: {pr: f"{rng.randint(1, 9) * (2 if m == 'resolution' else 1)}h"
                         for pr in ("urgent", "high", "normal", "low")} for m in METRICS},
         "attainment_target_pct": 90} for p in range(policies)]
    rows: list[dict[str, object]] = []
    for c in range(channels):
        kind = CHANNEL_TYPES[c % len(CHANNEL_TYPES)]
        row: dict[str, object] = {"id": f"c{c:03d}", "type": kind,
                                  "name": f"Channel {c} for region {c % 17} and brand {c % 5}",
                                  "enabled": c % 9 != 0,
                                  "purposes": ["support", "complaints", "returns"][: 1 + c % 3],
                                  "sla_policy": f"p{c % policies:03d}",
                                  "languages": ["de", "en", "uk", "pl", "fr"][: 1 + c % 5]}
        open_h = 7 + c % 4
        row["hours"] = {"schedule": [{"days": [day], "open": f"{open_h + i % 2:02d}:00",
                                      "close": f"{open_h + 9 + i % 3:02d}:30"}
                                     for i, day in enumerate(DAYS)],
                        "note": f"Staffed by team {c % 12}; cover from team {(c + 1) % 12}."}
        if kind == "email":
            row["auto_acknowledge"] = {"enabled": True, "states_expected_time": c % 3 > 0}
        if kind == "phone":
            row["phone"] = {"service_level": {"pct": 80, "within": "30s"},
                            "max_abandon_pct": 5, "cost": "standard_rate"}
        rows.append(row)
    doc["channels"] = rows
    journey = doc["journey"]
    assert isinstance(journey, dict)
    journey["maps"][0]["pain_points"] = [
        {"id": f"PP-{i}", "description": f"Customers of region {i % 17} wait for step {i % 9}",
         "owner": ["logistics", "care", "billing"][i % 3],
         "due": (day0 + timedelta(days=1500 + i % 700)).isoformat()} for i in range(pad)]
    return doc


def write_large(path: Path, limit: int = 1_048_576) -> Path:
    """Write the largest `large_unit` file that stays within `limit` bytes."""
    class Plain(yaml.SafeDumper):
        def ignore_aliases(self, data: object) -> bool:
            return True

    def text(pad: int) -> str:
        return yaml.dump(large_unit(pad=pad), Dumper=Plain, sort_keys=False,
                         allow_unicode=True)
    base = len(text(0).encode())
    pad = max(0, (limit - base - 2048) // 110)
    body = text(pad)
    while len(body.encode()) > limit:
        pad -= 20
        body = text(pad)
    path.write_text(body, encoding="utf-8")
    return path


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("bench/out/corpus")
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    paths = write_corpus(target, count)
    size = sum(p.stat().st_size for p in paths) / len(paths)
    print(f"wrote {len(paths)} files to {target} (mean {size / 1024:.1f} KB)")
