"""cxaudit benchmark: a full `cxaudit check -f json` against the cost of just parsing the YAML.

    python bench/run.py                 # everything (a few minutes)
    python bench/run.py --quick         # 500 files only, fewer repetitions
    python bench/run.py --only cold,large --repeat 9

Every figure is a ratio of two commands run side by side in the same run, each in a fresh
interpreter, repeated and reduced to the median, so that load from other programs on the
machine shifts both sides alike:

- **floor**: a fresh `python` that reads every file and parses it with PyYAML's C loader
  (`yaml.load(..., Loader=yaml.CSafeLoader)`) and does nothing else;
- **check**: `python -m cxaudit check DIR -f json --fail-on none --no-config --jobs N`, the
  JSON report written to /dev/null.

Sections (`--only`): `ratio` (500 and 2,000 files, --jobs 1 and 2), `memory` (peak RSS of
`check --jobs 1` at 10 / 50 / 500 / 2,000 files), `cold` (one-file check against `python -c
pass`), `large` (one file at the 1 MiB size limit: 400 channels, 100 policies, 600 holidays).
Compare ratios, not seconds: machines differ.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import write_corpus, write_large  # noqa: E402 - found through the path above

FLOOR = ("import sys, yaml\n"
         "from pathlib import Path\n"
         "L = yaml.CSafeLoader\n"
         "for a in sys.argv[1:]:\n"
         "    p = Path(a)\n"
         "    for f in (sorted(p.rglob('*.yaml')) if p.is_dir() else [p]):\n"
         "        yaml.load(f.read_bytes(), Loader=L)\n")
SECTIONS = ("ratio", "memory", "cold", "large")


def run(cmd: Sequence[str]) -> tuple[float, int, int]:
    """Wall seconds, peak RSS in KiB and exit code of one child process (output discarded)."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            cwd=ROOT)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss, proc.returncode


def floor_cmd(path: Path) -> list[str]:
    """Parse every file under `path` with the C loader, in a fresh interpreter."""
    return [sys.executable, "-c", FLOOR, str(path)]


def check_cmd(path: Path, jobs: int | None) -> list[str]:
    """The full audit with its JSON report, in a fresh interpreter."""
    cmd = [sys.executable, "-m", "cxaudit", "check", str(path), "-f", "json", "--fail-on",
           "none", "--no-config"]
    return cmd if jobs is None else [*cmd, "--jobs", str(jobs)]


def side_by_side(cmds: dict[str, list[str]], repeat: int) -> dict[str, float]:
    """Median wall time of each command, the commands interleaved in every repetition."""
    times: dict[str, list[float]] = {k: [] for k in cmds}
    for _ in range(repeat):
        for name, cmd in cmds.items():
            wall, _, code = run(cmd)
            if code not in (0, 1):
                raise SystemExit(f"{name}: {' '.join(cmd)} exited {code}")
            times[name].append(wall)
    return {k: statistics.median(v) for k, v in times.items()}


def has_jobs() -> bool:
    """Whether this cxaudit has `check --jobs` (the benchmark also measures older versions)."""
    out = subprocess.run([sys.executable, "-m", "cxaudit", "check", "--help"], cwd=ROOT,
                         capture_output=True, text=True, check=False).stdout
    return "--jobs" in out


def corpus(base: Path, n: int, master: list[Path]) -> Path:
    """A directory with the first `n` files of the master corpus."""
    out = base / f"corpus-{n}"
    if not out.exists():
        out.mkdir()
        for f in master[:n]:
            shutil.copyfile(f, out / f.name)
    return out


def section_ratio(base: Path, master: list[Path], sizes: Sequence[int], repeat: int,
                  jobs: bool) -> None:
    """Check vs floor at each size, --jobs 1 and --jobs 2."""
    for n in sizes:
        d = corpus(base, n, master)
        cmds = {"floor": floor_cmd(d), "jobs1": check_cmd(d, 1 if jobs else None)}
        if jobs:
            cmds["jobs2"] = check_cmd(d, 2)
        med = side_by_side(cmds, repeat)
        line = f"  {n:5d} files: floor {med['floor']:6.2f} s | --jobs 1 {med['jobs1']:6.2f} s " \
               f"= {med['jobs1'] / med['floor']:4.2f}x"
        if jobs:
            line += f" | --jobs 2 {med['jobs2']:6.2f} s = {med['jobs2'] / med['floor']:4.2f}x"
        print(line, flush=True)


def section_memory(base: Path, master: list[Path], sizes: Sequence[int], jobs: bool) -> None:
    """Peak resident memory of a one-process check at each size."""
    peaks = {}
    for n in sizes:
        d = corpus(base, n, master)
        peaks[n] = min(run(check_cmd(d, 1 if jobs else None))[1] for _ in range(2)) / 1024
    ref = peaks.get(50)
    print("  " + " | ".join(f"{n} files {mib:5.0f} MiB" for n, mib in peaks.items()))
    if ref and 500 in peaks:
        print(f"  500 files vs 50 files: {peaks[500] / ref:.2f}x")


def section_cold(repeat: int) -> None:
    """One-file check in a fresh interpreter, against the interpreter alone."""
    shop = ROOT / "examples" / "online-shop.yaml"
    med = side_by_side({"python": [sys.executable, "-c", "pass"],
                        "check": check_cmd(shop, None)}, repeat)
    print(f"  one-file check {med['check']:.3f} s; `python -c pass` {med['python']:.3f} s; "
          f"ratio {med['check'] / med['python']:.1f}x; cxaudit's own share "
          f"{med['check'] - med['python']:.3f} s")


def section_large(base: Path, repeat: int) -> None:
    """One file at the size limit against its floor."""
    path = write_large(base / "large.yaml")
    med = side_by_side({"floor": floor_cmd(path), "check": check_cmd(path, None)}, repeat)
    print(f"  {path.stat().st_size / 1024:.0f} KiB, 400 channels, 100 policies, 600 holidays: "
          f"floor {med['floor']:.2f} s, check {med['check']:.2f} s = "
          f"{med['check'] / med['floor']:.2f}x")


def machine() -> str:
    """What the figures were measured on."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            cpu = next((ln.split(":", 1)[1].strip() for ln in fh if ln.startswith("model name")),
                       cpu)
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, " \
           f"Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="500 files only, 3 repetitions (about a minute)")
    parser.add_argument("--only", default=",".join(SECTIONS),
                        help=f"comma-separated sections: {', '.join(SECTIONS)}")
    parser.add_argument("--repeat", type=int, default=0,
                        help="repetitions per figure (default 5; 3 with --quick)")
    parser.add_argument("--sizes", default="",
                        help="file counts for the ratio (default 500,2000)")
    opts = parser.parse_args()
    only = {s.strip() for s in opts.only.split(",") if s.strip()}
    unknown = only - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s) {', '.join(sorted(unknown))}")
    repeat = opts.repeat or (3 if opts.quick else 5)
    sizes = [int(s) for s in opts.sizes.split(",")] if opts.sizes else \
        ([500] if opts.quick else [500, 2000])
    mem_sizes = [10, 50, 500] if opts.quick else [10, 50, 500, 2000]
    jobs = has_jobs()
    print(f"machine: {machine()}")
    print(f"medians of {repeat} runs, each side in a fresh interpreter, taken side by side"
          + ("" if jobs else "; this cxaudit has no --jobs"))
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        cache = os.environ.setdefault("CXAUDIT_CACHE_DIR", str(base / "cache"))
        master = write_corpus(base / "master", max([*sizes, *mem_sizes]) if
                              only & {"ratio", "memory"} else 1)
        # byte-compile the package as an install does (PYTHONDONTWRITEBYTECODE would
        # otherwise make every fresh interpreter compile every module again)
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "cxaudit")],
                       check=False, capture_output=True)
        run(check_cmd(master[0], None))  # fill the rule and holiday caches once
        if "ratio" in only:
            print("check -f json vs the C-loader floor:", flush=True)
            section_ratio(base, master, sizes, repeat, jobs)
        if "memory" in only:
            print("peak memory (RSS) of check --jobs 1:", flush=True)
            section_memory(base, master, mem_sizes, jobs)
        if "cold" in only:
            print(f"cold start (fresh interpreter, caches in {cache} filled), median of "
                  f"{2 * repeat + 1}:", flush=True)
            section_cold(2 * repeat + 1)
        if "large" in only:
            print("one file at the 1 MiB size limit:", flush=True)
            section_large(base, repeat)


if __name__ == "__main__":
    main()
