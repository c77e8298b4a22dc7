"""`--jobs N` gives the same bytes as one process: every format, warnings, errors, exit code."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT, run_cxaudit

from cxaudit.cli.progressbar import LONG, Bar, progress_bar
from cxaudit.report import RENDERERS

FORMATS = sorted(RENDERERS)  # text, md, json, html, sarif, junit, github, gitlab


def corpus(tmp_path: Path, broken: bool) -> Path:
    """The bundled examples and units in one directory (and a file that cannot be audited)."""
    out = tmp_path / "corpus"
    out.mkdir()
    for copy in ("a", "b"):  # twice, so that both workers get several files
        for f in [*EXAMPLES.glob("*.yaml"), *(EXAMPLES / "units").glob("*.yaml")]:
            shutil.copyfile(f, out / f"{f.parent.name}-{copy}{f.name}")
    if broken:  # in the middle of the run, so the workers' order matters
        (out / "examples-m-broken.yaml").write_text(
            "apiVersion: cxaudit/v1\nkind: CustomerServiceProcess\nprocess: {id: x\n",
            encoding="utf-8")
        (out / "waivers.yaml").write_text(
            "waivers:\n  - rule: RESP-004\n    reason: agency monitors social media\n"
            "    owner: marketing@example.com\n    expires: 2099-06-30\n"
            "  - rule: NO-SUCH-1\n    reason: r\n    owner: o\n    expires: 2099-06-30\n",
            encoding="utf-8")
    return out


@pytest.mark.parametrize("broken", [False, True], ids=["corpus", "with-error-file"])
def test_two_processes_write_the_same_bytes_as_one(tmp_path: Path, broken: bool) -> None:
    d = corpus(tmp_path, broken)
    extra = ["--waivers", str(d / "waivers.yaml")] if broken else []
    runs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"jobs{jobs}"
        out.mkdir()
        args = [a for f in FORMATS for a in ("-f", f"{f}={out / f}")]
        runs[jobs] = run_cxaudit("check", d, *args, *extra, "--as-of", "2025-10-01",
                                 "--jobs", jobs, "--no-config", cwd=ROOT)
    one, two = runs["1"], runs["2"]
    assert one.returncode == two.returncode == (2 if broken else 1)
    assert one.stdout == two.stdout
    assert one.stderr == two.stderr
    if broken:
        assert "examples-m-broken.yaml:4:1: YAML syntax error" in one.stderr
        assert "could not be audited" in one.stderr
    for f in FORMATS:
        first = (tmp_path / "jobs1" / f).read_bytes()
        assert first, f
        assert (tmp_path / "jobs2" / f).read_bytes() == first, f
    report = json.loads((tmp_path / "jobs2" / "json").read_text(encoding="utf-8"))
    audited = len(list(d.glob("*-*.yaml"))) - broken
    assert report["summary"]["units"] == audited >= 14
    if broken:  # a waiver used in the workers counts as used; the other one is reported unused
        kinds = {(f["suppression"] or {}).get("kind") for f in report["findings"]}
        assert "waiver" in kinds
        assert "waiver for NO-SUCH-1 (every unit) matches no finding" in one.stderr
        assert "waiver for RESP-004" not in one.stderr


def test_the_default_uses_more_than_one_process_only_for_many_files() -> None:
    from cxaudit.engine.workers import MANY, effective_jobs

    assert effective_jobs(None, ["a.yaml"] * (MANY - 1)) == 1
    assert effective_jobs(None, ["a.yaml"] * MANY) >= 1
    assert effective_jobs(4, ["a.yaml", "b.yaml"]) == 2  # never more processes than files
    assert effective_jobs(4, ["-", "b.yaml"]) == 1  # standard input is read once, here


class Tty(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_a_progress_bar_only_on_a_terminal_and_only_for_long_runs() -> None:
    assert progress_bar(Tty(False)) is None  # piped or redirected: nothing at all
    term = Tty(True)
    bar = progress_bar(term)
    assert isinstance(bar, Bar)
    bar(3, LONG - 1)
    assert term.getvalue() == ""  # a short run shows nothing
    bar(LONG, LONG)
    bar.close()
    assert term.getvalue() == f"\rauditing {LONG}/{LONG} files [{'=' * 24}] 100%\r\x1b[K"


SPAWNED = """import multiprocessing, sys
if __name__ == "__main__":
    multiprocessing.set_start_method("spawn")  # as on macOS and Windows
    from cxaudit.cli.app import main
    sys.argv = ["cxaudit", *sys.argv[1:]]
    main()
"""


def test_spawned_workers_speak_the_language_of_the_run(tmp_path: Path) -> None:
    """Workers started fresh (not forked) load the run themselves, its language included."""
    import subprocess
    import sys

    script = tmp_path / "spawned.py"
    script.write_text(SPAWNED, encoding="utf-8")
    args = ["check", str(EXAMPLES), "--lang", "uk", "-f", "text", "--fail-on", "none",
            "--no-config", "--as-of", "2025-10-01"]
    one = run_cxaudit(*args, "--jobs", "1")
    two = subprocess.run([sys.executable, str(script), *args, "--jobs", "2"], cwd=ROOT,
                         capture_output=True, text=True, timeout=300)
    assert two.returncode == one.returncode == 0, two.stderr
    assert "надіслане пт 18:00" in one.stdout
    assert two.stdout == one.stdout and two.stderr == one.stderr
