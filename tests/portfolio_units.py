"""Many varied units from the bundled examples, in region/brand folders, for portfolio tests.

`generate(root, n)` writes n process files under root/<region>/<brand>/: each is a bundled
example with its own process id and name and its own values (team size, return window, first
reply target, after-hours cover), so scores and findings differ between units. Deterministic:
the same n gives the same files.
"""

from __future__ import annotations

import copy
import random
from pathlib import Path
from typing import Any

import yaml
from conftest import EXAMPLES

from cxaudit.document.loading import load_file

REGIONS = ("north", "south", "east", "west")
BRANDS = ("alpha", "beta")
SOURCES = sorted(EXAMPLES.glob("*.yaml")) + sorted((EXAMPLES / "units").glob("*.yaml"))


def _vary(doc: dict[str, Any], rng: random.Random) -> None:
    size = (doc.get("organization") or {}).get("size")
    if isinstance(size, dict) and "support_agents" in size:
        size["support_agents"] = rng.randint(2, 60)
    returns = doc.get("returns")
    if isinstance(returns, dict) and "window" in returns:
        returns["window"] = rng.choice(["7d", "14d", "30d", "60d"])
    for policy in doc.get("sla_policies") or []:
        first = (policy.get("targets") or {}).get("first_response")
        if isinstance(first, dict) and "normal" in first:
            first["normal"] = rng.choice(["1h", "4h", "8h", "16h"])
            break
    after = (doc.get("business_hours") or {}).get("after_hours")
    if isinstance(after, dict) and "coverage" in after:
        after["coverage"] = rng.choice(["none", "bot", "on_call"])


def generate(root: Path, n: int) -> Path:
    """Write n varied units under root (in region/brand folders) and return root."""
    texts = [load_file(p).data for p in SOURCES]  # YAML 1.2 as cxaudit reads it: `on` is text
    for i in range(n):
        rng = random.Random(i)
        doc = copy.deepcopy(texts[i % len(texts)])
        process = doc.setdefault("process", {})
        process["id"] = f"{process.get('id', 'unit')}-{i:03d}"
        process["name"] = f"{process.get('name', 'Unit')} #{i + 1}"
        _vary(doc, rng)
        folder = root / REGIONS[i % len(REGIONS)] / BRANDS[(i // len(REGIONS)) % len(BRANDS)]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"store-{i + 1:03d}.yaml").write_text(
            yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return root
