"""A one-file check loads only what it needs (structure, never timing)."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import version

from conftest import EXAMPLES, ROOT

from cxaudit.clock.cache import holidays_version

PROBE = """
import json, sys
sys.argv = ["cxaudit", "check", sys.argv[1], "-f", "json", "--fail-on", "none"]
try:
    from cxaudit.cli import main
    main()
except SystemExit:
    pass
finally:
    sys.stderr.write(json.dumps(sorted(sys.modules)))
"""


def modules_of_a_one_file_check() -> set[str]:
    proc = subprocess.run([sys.executable, "-c", PROBE, str(EXAMPLES / "online-shop.yaml")],
                          capture_output=True, text=True, cwd=ROOT, timeout=120, check=False)
    assert proc.stdout.startswith("{"), proc.stderr
    return set(json.loads(proc.stderr.splitlines()[-1]))


def test_a_one_file_json_check_leaves_other_formats_and_metadata_unloaded() -> None:
    loaded = modules_of_a_one_file_check()
    assert "cxaudit.report.json_report" in loaded
    for unused in ("cxaudit.report.html_report", "cxaudit.report.markdown", "jinja2",
                   "cxaudit.report.sarif", "cxaudit.report.junit", "importlib.metadata",
                   "concurrent.futures.process", "httpx", "zipfile", "cxaudit.history",
                   "sqlite3", "cxaudit.compare.fields"):
        assert unused not in loaded, unused


def test_the_holiday_cache_is_keyed_by_the_installed_version() -> None:
    assert holidays_version() == version("holidays")
