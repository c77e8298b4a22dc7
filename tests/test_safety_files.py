"""No data loss, no unbounded read: -o never names an input, reports and baselines are written
atomically, and every file cxaudit reads is size-checked, with pipes and devices refused at once."""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, ROOT, run_cxaudit

from cxaudit.cli import writing as outputs
from cxaudit.diff import sides
from cxaudit.document.loading import read_limited
from cxaudit.errors import InputError

WEAK = EXAMPLES / "weak-small-shop.yaml"
MIB = 1_048_576


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository holding p.yaml (the weak shop) as the working directory."""
    (tmp_path / ".git").mkdir()
    shutil.copy(WEAK, tmp_path / "p.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- -o never names an input -----------------------------------------------------------------

@pytest.mark.parametrize("args", [
    pytest.param(["check", "p.yaml", "-o", "p.yaml"], id="check"),
    pytest.param(["check", "p.yaml", "-f", "md", "-o", "./p.yaml"], id="check ./"),
    pytest.param(["check", ".", "-f", "json", "-o", "p.yaml"], id="check a directory"),
    pytest.param(["check", "p.yaml", "-f", "md", "-o", "link.yaml"], id="check via symlink"),
    pytest.param(["check", "p.yaml", "-f", "md", "-o", "hard.yaml"], id="check via hard link"),
    pytest.param(["check", "p.yaml", "-f", "md", "-o", "sub/../p.yaml"], id="check via sub/.."),
    pytest.param(["diff", "p.yaml", "p.yaml", "-o", "p.yaml"], id="diff"),
    pytest.param(["diff", "old.yaml", "p.yaml", "-f", "json", "-o", "old.yaml"], id="diff old"),
    pytest.param(["baseline", "create", "p.yaml", "-o", "p.yaml"], id="baseline"),
    pytest.param(["baseline", "create", "p.yaml", "-o", "link.yaml"], id="baseline via link"),
    pytest.param(["check", "p.yaml", "-o", ".cxaudit.yaml"], id="the configuration"),
    pytest.param(["check", "p.yaml", "-o", "w.yaml", "--waivers", "w.yaml"], id="waivers"),
    pytest.param(["check", "p.yaml", "-o", "b.json", "--baseline", "b.json"], id="baseline in"),
    pytest.param(["check", "p.yaml", "-o", "pack/HOUSE-001.yaml", "-r", "pack"], id="a rule"),
    pytest.param(["check", "p.yaml", "-o", "legal/eu.yaml", "--legal-data", "legal"],
                 id="a legal table"),
    pytest.param(["check", "p.yaml", "-f", "md", "-o", "brand/report.md.j2", "--template-dir",
                  "brand"], id="a template"),
])
def test_an_output_that_is_an_input_is_refused(cli: Any, work: Path, args: list[str]) -> None:
    (work / "sub").mkdir()
    (work / "link.yaml").symlink_to(work / "p.yaml")
    os.link(work / "p.yaml", work / "hard.yaml")
    shutil.copy(WEAK, work / "old.yaml")
    (work / ".cxaudit.yaml").write_text("fail_on: high\n", encoding="utf-8")
    (work / "w.yaml").write_text("waivers: []\n", encoding="utf-8")
    cli("baseline", "create", "p.yaml", "-o", "b.json")
    (work / "pack").mkdir()
    (work / "pack" / "HOUSE-001.yaml").write_text(
        (ROOT / "tests" / "data" / "regressions" / "safety-redos-pack" / "REDOS-003.yaml")
        .read_text(encoding="utf-8").replace("REDOS-003", "HOUSE-001"), encoding="utf-8")
    shutil.copytree(ROOT / "rules" / "data" / "legal", work / "legal")
    (work / "brand").mkdir()
    (work / "brand" / "report.md.j2").write_text("{{ units | length }}\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in work.rglob("*") if p.is_file() and not p.is_symlink()}
    r = cli(*args)
    assert r.exit_code == 2
    assert "-o would overwrite" in r.stderr and "which this run reads" in r.stderr
    assert "hint: write the report to another file" in r.stderr
    assert {p: p.read_bytes() for p in before} == before
    assert (work / "link.yaml").is_symlink()


def test_recreating_the_configured_baseline_is_allowed(cli: Any, work: Path) -> None:
    (work / ".cxaudit.yaml").write_text("baseline: b.json\n", encoding="utf-8")
    (work / "b.json").write_text("{}\n", encoding="utf-8")
    r = cli("baseline", "create", "p.yaml", "-o", "b.json")
    assert r.exit_code == 0, r.output
    assert '"baseline_version": 2' in (work / "b.json").read_text(encoding="utf-8")


def test_an_output_beside_the_inputs_is_fine(cli: Any, work: Path) -> None:
    r = cli("check", "p.yaml", "-f", "md", "-o", "report.md")
    assert r.exit_code == 1 and (work / "report.md").read_text(encoding="utf-8").startswith(
        "# cxaudit report")


# --- atomic writes ---------------------------------------------------------------------------

def test_a_report_replaces_the_old_one_whole_and_keeps_its_mode(cli: Any, work: Path) -> None:
    (work / "report.md").write_text("old report\n", encoding="utf-8")
    os.chmod(work / "report.md", 0o640)
    r = cli("check", "p.yaml", "-f", "md", "-o", "report.md")
    assert r.exit_code == 1
    assert (work / "report.md").read_text(encoding="utf-8").startswith("# cxaudit report")
    assert stat.S_IMODE(os.stat(work / "report.md").st_mode) == 0o640
    assert sorted(p.name for p in work.iterdir() if p.name.endswith(".tmp")) == []


def test_a_new_report_gets_the_usual_permissions(work: Path) -> None:
    outputs.write_atomic(work / "new.txt", "x")
    umask = os.umask(0o022)
    os.umask(umask)
    assert stat.S_IMODE(os.stat(work / "new.txt").st_mode) == 0o666 & ~umask


def test_a_symbolic_link_at_the_output_is_replaced_not_followed(cli: Any, work: Path) -> None:
    (work / "elsewhere.txt").write_text("keep me\n", encoding="utf-8")
    (work / "report.txt").symlink_to(work / "elsewhere.txt")
    r = cli("check", "p.yaml", "-o", "report.txt")
    assert r.exit_code == 1
    assert not (work / "report.txt").is_symlink()
    assert (work / "elsewhere.txt").read_text(encoding="utf-8") == "keep me\n"
    assert "Glyna ceramics" in (work / "report.txt").read_text(encoding="utf-8")


def test_a_device_output_is_written_in_place(cli: Any, work: Path) -> None:
    r = cli("check", "p.yaml", "-f", "json", "-o", os.devnull)
    assert r.exit_code == 1 and stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
        work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (work / "report.md").write_text("old report\n", encoding="utf-8")

    def broken(src: Any, dst: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(outputs.os, "replace", broken)
    with pytest.raises(OSError):
        outputs.write_atomic(work / "report.md", "new report\n")
    assert (work / "report.md").read_text(encoding="utf-8") == "old report\n"
    assert sorted(p.name for p in work.iterdir()) == [".git", "p.yaml", "report.md"]


KILL_DURING_WRITE = """\
import os, signal, sys
import cxaudit.cli.writing as outputs
real_fsync = os.fsync
def die(fd):  # the report is half on its way to disk: kill -9, as in the bug report
    os.kill(os.getpid(), signal.SIGKILL)
outputs.os.fsync = die
from cxaudit.cli import main
sys.argv = ["cxaudit", *sys.argv[1:]]
main()
"""


@pytest.mark.parametrize("args", [
    pytest.param(["check", "p.yaml", "-f", "md", "-o", "out"], id="check"),
    pytest.param(["diff", "p.yaml", "p.yaml", "-f", "json", "-o", "out"], id="diff"),
    pytest.param(["baseline", "create", "p.yaml", "-o", "out"], id="baseline"),
])
def test_kill_9_during_a_write_leaves_the_previous_file(work: Path, args: list[str]) -> None:
    (work / "out").write_text("previous content\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", KILL_DURING_WRITE, *args, "--no-config"],
                          capture_output=True, text=True, timeout=120, cwd=work)
    assert proc.returncode == -signal.SIGKILL
    assert (work / "out").read_text(encoding="utf-8") == "previous content\n"


# --- every read is bounded; pipes and devices are refused at once ----------------------------

def _write_big(path: Path, size: int) -> None:
    path.write_text("# padding\n" * (size // 10 + 1), encoding="utf-8")


@pytest.mark.parametrize(("args", "big", "message"), [
    pytest.param(["check", "big.yaml"], "big.yaml", "big.yaml: file is 1,048,580 bytes, over "
                 "the limit of 1,048,576 bytes", id="process file"),
    pytest.param(["diff", "big.yaml", "p.yaml"], "big.yaml", "big.yaml: file is 1,048,580 "
                 "bytes", id="diff old side"),
    pytest.param(["diff", "p.yaml", "big.yaml"], "big.yaml", "big.yaml: file is 1,048,580 "
                 "bytes", id="diff new side"),
    pytest.param(["check", "p.yaml", "--config", "big.yaml"], "big.yaml", "big.yaml: "
                 "configuration file is 1,048,580 bytes", id="config"),
    pytest.param(["check", "p.yaml"], "pyproject.toml", "pyproject.toml: configuration file "
                 "is 1,048,580 bytes", id="pyproject"),
    pytest.param(["check", "p.yaml", "--waivers", "big.yaml"], "big.yaml", "big.yaml: "
                 "waivers file is 1,048,580 bytes", id="waivers"),
    pytest.param(["check", "p.yaml", "-r", "pack"], "pack/BIG-001.yaml", "BIG-001.yaml: "
                 "rule file is 1,048,580 bytes", id="rule file"),
    pytest.param(["check", "p.yaml", "--legal-data", "legal"], "legal/zz.yaml", "zz.yaml: "
                 "legal table is 1,048,580 bytes", id="legal table"),
])
def test_every_file_read_is_size_checked(cli: Any, work: Path, args: list[str], big: str,
                                         message: str) -> None:
    (work / "pack").mkdir()
    (work / "legal").mkdir()
    _write_big(work / big, MIB)
    r = cli(*args, *(["--no-config"] if big != "pyproject.toml" and "--config" not in args
                     else []))
    assert r.exit_code == 2 and message in r.stderr, r.stderr


def test_the_baseline_limit_is_larger_but_holds(work: Path) -> None:
    with open(work / "b.json", "wb") as fh:  # sparse: the size is what matters, not the bytes
        fh.truncate(64 * MIB + 6)
    r = run_cxaudit("check", "p.yaml", "--no-config", "--baseline", "b.json", cwd=work)
    assert r.returncode == 2
    assert "b.json: baseline is 67,108,870 bytes, over the limit of 67,108,864 bytes" in r.stderr


def test_max_file_size_applies_to_process_files(cli: Any, work: Path) -> None:
    r = cli("check", "p.yaml", "--no-config", "--max-file-size", "1000")
    size = (work / "p.yaml").stat().st_size
    assert r.exit_code == 2 and f"p.yaml: file is {size:,} bytes, over the limit of 1,000" in r.stderr


def _git(work: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.email=t@example.com", "-c", "user.name=t", *args],
                   cwd=work, check=True, capture_output=True)


def test_a_git_blob_is_size_checked_before_it_is_read(cli: Any, work: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.rmtree(work / ".git")
    _git(work, "init", "-q")
    _write_big(work / "big.yaml", 3 * MIB)
    _git(work, "add", "big.yaml", "p.yaml")
    _git(work, "commit", "-qm", "big")
    ran: list[list[str]] = []
    real_run = sides.subprocess.run

    def recording_run(cmd: list[str], **kwargs: Any) -> Any:
        ran.append(cmd)
        return real_run(cmd, **kwargs)

    monkeypatch.setattr(sides.subprocess, "run", recording_run)
    r = cli("diff", "HEAD:big.yaml", "p.yaml", "--no-config")
    assert r.exit_code == 2
    assert "HEAD:big.yaml: file is 3,145,730 bytes in git, over the limit of 1,048,576" in r.stderr
    assert [c[1:3] for c in ran] == [["cat-file", "-t"], ["rev-parse", "HEAD:big.yaml"],
                                     ["cat-file", "-s"]]  # the blob itself is never read
    r = cli("diff", "HEAD:p.yaml", "p.yaml", "--no-config")
    assert r.exit_code == 0, r.output


@pytest.mark.parametrize(("args", "special", "message"), [
    pytest.param(["check", "{s}"], "fifo", "{s}: is a pipe, not a file",
                 id="check a fifo"),
    pytest.param(["check", "{s}"], "/dev/zero", "{s}: is a device, not a file",
                 id="check /dev/zero"),
    pytest.param(["sla", "{s}"], "fifo", "{s}: is a pipe", id="sla a fifo"),
    pytest.param(["diff", "{s}", "p.yaml"], "fifo", "{s}: is a pipe", id="diff a fifo"),
    pytest.param(["diff", "p.yaml", "{s}"], "/dev/zero", "{s}: is a device", id="diff a device"),
    pytest.param(["baseline", "create", "{s}", "-o", "b.json"], "fifo", "{s}: is a pipe",
                 id="baseline from a fifo"),
    pytest.param(["check", "p.yaml", "--config", "{s}"], "fifo", "{s}: is a pipe, not a "
                 "configuration file", id="config"),
    pytest.param(["check", "p.yaml", "--waivers", "{s}"], "fifo", "{s}: is a pipe, not a "
                 "waivers file", id="waivers"),
    pytest.param(["check", "p.yaml", "--baseline", "{s}"], "/dev/zero", "{s}: is a device, "
                 "not a baseline", id="baseline"),
    pytest.param(["check", "p.yaml", "-r", "pack"], "pack/R-001.yaml", "R-001.yaml: is a pipe, "
                 "not a rule file", id="rule file"),
])
def test_pipes_and_devices_are_refused_at_once(work: Path, args: list[str], special: str,
                                               message: str) -> None:
    (work / "pack").mkdir()
    if not special.startswith("/dev/"):
        os.mkfifo(work / special)  # nothing ever writes to it: reading it would block for ever
    args = [a.replace("{s}", special) for a in args]
    plain = "--config" in args or args[0] == "sla"  # sla reads no configuration
    r = run_cxaudit(*args, *([] if plain else ["--no-config"]), cwd=work)
    assert r.returncode == 2, r.stderr
    assert message.replace("{s}", special) in r.stderr
    assert "Traceback" not in r.stderr


def test_read_limited_refuses_a_directory_and_reads_at_most_the_limit(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory"):
        read_limited(tmp_path, 10)
    (tmp_path / "f").write_bytes(b"0123456789")
    assert read_limited(tmp_path / "f", 10) == b"0123456789"
    with pytest.raises(InputError, match="file is 10 bytes, over the limit of 9 bytes"):
        read_limited(tmp_path / "f", 9)
