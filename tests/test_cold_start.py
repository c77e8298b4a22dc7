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
    """The modules of a check whose caches are warm (the run before fills them: a cold holiday
    cache loads the holiday library, which reads package metadata)."""
    for _ in range(2):
        proc = subprocess.run([sys.executable, "-c", PROBE, str(EXAMPLES / "online-shop.yaml")],
                              capture_output=True, text=True, cwd=ROOT, timeout=120,
                              check=False)
        assert proc.stdout.startswith("{"), proc.stderr
    return set(json.loads(proc.stderr.splitlines()[-1]))


def test_a_one_file_json_check_leaves_other_formats_and_metadata_unloaded() -> None:
    loaded = modules_of_a_one_file_check()
    assert "cxaudit.report.json_report" in loaded
    for unused in ("cxaudit.report.html_report", "cxaudit.report.markdown", "jinja2",
                   "cxaudit.report.sarif", "cxaudit.report.junit", "importlib.metadata",
                   "concurrent.futures.process", "httpx", "zipfile", "cxaudit.history",
                   "sqlite3", "cxaudit.compare.fields",
                   # the other commands, waivers and baselines, the workers' pickling
                   "cxaudit.cli.init", "cxaudit.cli.rules", "cxaudit.cli.diff",
                   "cxaudit.cli.imports", "cxaudit.cli.examples", "cxaudit.cli.sla",
                   "cxaudit.policy.suppression", "cxaudit.policy.waivers", "pickle"):
        assert unused not in loaded, unused


def test_help_lists_every_command_and_a_typo_is_answered_once() -> None:
    from typer.testing import CliRunner

    from cxaudit.cli import app

    runner = CliRunner()
    listing = runner.invoke(app, ["--help"]).output
    names = [line.split()[0] for line in listing.split("Commands")[1].splitlines()[1:]
             if line.startswith("  ")]
    assert names == ["check", "sla", "diff", "schema", "init", "progress", "baseline", "rules",
                     "import", "examples", "history"]
    typo = runner.invoke(app, ["chek", "x.yaml"])
    assert typo.exit_code == 2
    assert "No such command 'chek'" in typo.output and typo.output.count("Did you mean") == 1
    assert "'check'" in typo.output


def test_the_holiday_cache_is_keyed_by_the_installed_version() -> None:
    assert holidays_version() == version("holidays")
