"""A long fuzzing campaign that keeps going after a crash and lists each distinct one.

    python bench/fuzz.py --examples 20000 --out fuzz-crashes/

Runs the strategies of tests/test_fuzz.py (mutated examples, schema-generated documents, diffs
of mutated examples) and writes one reproducer per distinct crash (exception type and the
cxaudit line it came from) to --out, with the summary on stdout. The test suite runs the same
strategies briefly and stops at the first crash; this is for finding many at once.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]


def main() -> int:
    """Run the campaign; exit 1 when anything crashed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--examples", type=int, default=5000, help="cases per strategy")
    parser.add_argument("--out", type=Path, default=Path("fuzz-crashes"))
    args = parser.parse_args()

    from fuzzgen import dump, looks_crashed, mutated
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import strategies as st
    from test_fuzz import AS_OF, FORMATS, _bases, _schema_gen, check_exit, diff_exit

    crashes: dict[str, tuple[str, str]] = {}
    counts = {"cases": 0}

    def record(kind: str, text: str, exc: BaseException) -> None:
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if "/cxaudit/" in f.filename]
        where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
        key = f"{type(exc).__name__} at {where}"
        if key not in crashes:
            crashes[key] = (kind, text)
            print(f"new crash: {key} ({kind}): {str(exc)[:160]}", flush=True)

    def guarded(kind: str, text: str, fn: object, *fn_args: object) -> None:
        counts["cases"] += 1
        try:
            fn(*fn_args)  # type: ignore[operator]
        except Exception as exc:
            record(kind, text, exc)

    options = settings(max_examples=args.examples, deadline=None, database=None,
                       phases=[Phase.generate], suppress_health_check=list(HealthCheck))

    @options
    @given(data=st.data(), fmt=st.sampled_from(FORMATS), as_of=st.sampled_from(AS_OF))
    def mutated_examples(data: st.DataObject, fmt: str, as_of: date | None) -> None:
        text = dump(data.draw(mutated(_bases(), _schema_gen())))
        guarded(f"check -f {fmt} --as-of {as_of}", text, check_exit, text, fmt, as_of)

    @options
    @given(data=st.data(), fmt=st.sampled_from(FORMATS), as_of=st.sampled_from(AS_OF))
    def generated(data: st.DataObject, fmt: str, as_of: date | None) -> None:
        gen = _schema_gen()
        text = dump(gen.value(data.draw, gen.schema))
        guarded(f"check -f {fmt} --as-of {as_of}", text, check_exit, text, fmt, as_of)

    @settings(options, max_examples=max(1, args.examples // 4))
    @given(data=st.data())
    def diffs(data: st.DataObject) -> None:
        old = data.draw(st.sampled_from(_bases()))
        new = dump(data.draw(mutated([old], _schema_gen())))
        guarded("diff", new, diff_exit, dump(old), new)

    import shutil

    import test_fuzz_files as files

    def cli_case(kind: str, text: str, *argv: str) -> None:
        counts["cases"] += 1
        code, out = files._run(*argv)
        if code not in (0, 1, 2) or looks_crashed(out):
            lines = [ln.strip() for ln in out.splitlines() if ln.strip().startswith(("error:",
                                                                                    "at "))]
            key = " ".join(lines[:2]) or f"exit {code}"
            if key not in crashes:
                crashes[key] = (kind, text)
                print(f"new crash: {key} ({kind})", flush=True)

    @settings(options, max_examples=max(1, args.examples // 4))
    @given(data=st.data(), how=st.sampled_from(["generated", "anywhere", "logic", "logic"]))
    def rule_packs(data: st.DataObject, how: str) -> None:
        gen = files._schema("rule")
        doc = gen.value(data.draw, gen.schema) if how == "generated" else data.draw(
            mutated(files._rule_bases(), gen, files.RULE_LOGIC if how == "logic" else ()))
        pack = files._TMP / "pack"
        shutil.rmtree(pack, ignore_errors=True)
        pack.mkdir()
        text = dump(doc)
        (pack / "FUZZ-001.yaml").write_text(text, encoding="utf-8")
        cli_case("rule pack: check", text, "check", files.SHOP, "--no-builtin-rules", "-r",
                 str(pack))
        cli_case("rule pack: rules test", text, "rules", "test", str(pack))

    start = time.perf_counter()
    for run in (mutated_examples, generated, diffs, rule_packs):
        run()
    args.out.mkdir(parents=True, exist_ok=True)
    for i, (key, (kind, text)) in enumerate(sorted(crashes.items()), 1):
        (args.out / f"crash-{i:02d}.yaml").write_text(f"# {key}\n# {kind}\n{text}", "utf-8")
    print(f"{counts['cases']} cases in {time.perf_counter() - start:.0f} s, "
          f"{len(crashes)} distinct crash(es)" + (f", reproducers in {args.out}/" if crashes
                                                  else ""))
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
