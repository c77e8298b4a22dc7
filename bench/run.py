"""cxaudit benchmark: full audit vs bare YAML parsing, measured in one process run.

    python bench/run.py [--files N] [--repeat R]

Prints (a) the time PyYAML's C loader needs to parse every file of a generated corpus, (b)
the time of a full audit of the same files (load with positions, validate, normalise, every
shipped rule, JSON report), their ratio, a per-stage breakdown, and the cold start of a
one-file `cxaudit check` in a fresh interpreter. Compare ratios, not seconds: machines differ.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import write_corpus  # noqa: E402 - found through the path set just above


def best(fn: Callable[[], object], repeat: int) -> float:
    """Fastest of `repeat` runs, in seconds (the least disturbed by other load)."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def cold(args: list[str], runs: int = 7) -> float:
    """Median wall time of a command in a fresh interpreter."""
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "cxaudit", *args], capture_output=True, cwd=ROOT,
                       check=False)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def _instrument_clock() -> list[float]:
    """Accumulate the time spent in the service clock (schedules and worst cases in waits)."""
    from cxaudit.clock import waits

    spent = [0.0]
    depth = [0]

    def timed(fn: Callable[..., object]) -> Callable[..., object]:
        def wrapper(*args: object, **kwargs: object) -> object:
            depth[0] += 1
            t = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                depth[0] -= 1
                if depth[0] == 0:
                    spent[0] += time.perf_counter() - t
        return wrapper

    waits.schedule = timed(waits.schedule)  # type: ignore[assignment]
    waits.worst = timed(waits.worst)  # type: ignore[assignment]
    waits.plain_year = timed(waits.plain_year)  # type: ignore[assignment]
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    opts = parser.parse_args()

    from cxaudit.api import Options, audit, load_process, load_rules
    from cxaudit.clock.waits import clear_caches
    from cxaudit.document.loading import load_file
    from cxaudit.engine.run import run_rules
    from cxaudit.model.normalise import normalise
    from cxaudit.model.validate import validate
    from cxaudit.report.json_report import render

    with tempfile.TemporaryDirectory() as tmp:
        files = write_corpus(Path(tmp) / "corpus", opts.files)
        names = [str(f) for f in files]
        kb = sum(f.stat().st_size for f in files) / len(files) / 1024
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

        def parse_only() -> None:
            for f in files:
                yaml.load(f.read_bytes(), Loader=loader)

        rules = load_rules(Options())
        docs = [load_file(n) for n in names]

        def full() -> None:
            clear_caches()  # every run starts cold, as a CI job would
            render(audit([tmp + "/corpus"], Options()))

        clock_time = _instrument_clock()
        t_parse = best(parse_only, opts.repeat)
        clock_time[0] = 0.0
        clear_caches()
        t0 = time.perf_counter()
        render(audit([tmp + "/corpus"], Options()))
        t_once = time.perf_counter() - t0
        t_clock = clock_time[0]
        t_full = best(full, opts.repeat)
        gc.disable()  # stages run as inside an audit, which pauses the cyclic collector
        t_load = best(lambda: [load_file(n) for n in names], opts.repeat)
        t_valid = best(lambda: [validate(d) for d in docs], opts.repeat)
        t_norm = best(lambda: [normalise(d) for d in docs], opts.repeat)
        t_rules = best(lambda: [run_rules(rules, normalise(d)) for d in docs], opts.repeat) - t_norm
        gc.enable()
        _ = load_process

    n = len(files)
    print(f"corpus: {n} files, mean {kb:.1f} KB, {len(rules)} rules; best of {opts.repeat}")
    print(f"(a) PyYAML C loader, parse only     {t_parse:8.3f} s  {1000 * t_parse / n:6.2f} ms/file")
    print(f"(b) full audit + JSON report        {t_full:8.3f} s  {1000 * t_full / n:6.2f} ms/file")
    print(f"    ratio (b)/(a)                   {t_full / t_parse:8.2f}x")
    print("    stages: " + ", ".join(f"{name} {1000 * t / n:.2f} ms" for name, t in (
        ("load+positions", t_load), ("validate", t_valid), ("normalise", t_norm),
        ("rules", t_rules))) + " per file")
    print(f"    service clock (worst-case waits, holidays): {1000 * t_clock / n:.2f} ms per file, "
          f"{100 * t_clock / t_once:.0f} % of one cold audit, {t_clock / t_parse:.2f}x of (a)")
    t_version = cold(["--version"])
    t_check = cold(["check", "examples/online-shop.yaml", "-f", "json", "--fail-on", "none"])
    print(f"cold start: cxaudit --version {t_version:.3f} s; one-file check {t_check:.3f} s "
          "(median of 7)")


if __name__ == "__main__":
    main()
