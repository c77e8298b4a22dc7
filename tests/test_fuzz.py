"""Fuzzing: nothing a user writes makes cxaudit crash.

Bundled example files with a few values mutated, and documents generated from the process
schema, go through what `check`, `sla` and `diff` do, in-process. Each must end in exit code
0, 1 or 2 (findings or a positioned input error), never in an exception: that would be exit
code 3, an internal error. `CXAUDIT_FUZZ_EXAMPLES=20000 pytest tests/test_fuzz.py` runs a
longer campaign; the default keeps the whole file under a minute on two cores.
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES
from fuzzgen import SchemaGen, dump, mutated
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

EXAMPLES_PER_TEST = int(os.environ.get("CXAUDIT_FUZZ_EXAMPLES", "800"))
FUZZ = settings(max_examples=EXAMPLES_PER_TEST, deadline=None, database=None,
                derandomize=bool(os.environ.get("CI")) and "CXAUDIT_FUZZ_SEED" not in os.environ,
                suppress_health_check=list(HealthCheck))
FORMATS = ("text", "md", "json", "html", "sarif", "junit", "github", "gitlab")
AS_OF = [None, date(2025, 9, 1), date(2024, 2, 29), date(1900, 1, 1), date(2999, 12, 31)]


@lru_cache(maxsize=1)
def _schema_gen() -> SchemaGen:
    from cxaudit.model.validate import process_schema

    return SchemaGen(process_schema())


@lru_cache(maxsize=1)
def _bases() -> tuple[Any, ...]:
    from cxaudit.document.loading import load_file

    files = sorted(EXAMPLES.glob("*.yaml")) + sorted(EXAMPLES.glob("units/*.yaml"))
    return tuple(load_file(f).data for f in files)


@lru_cache(maxsize=1)
def _rules() -> Any:
    from cxaudit.api import Options, load_rules

    return load_rules(Options())


_TMP = Path(tempfile.mkdtemp(prefix="cxaudit-fuzz-"))


def check_exit(text: str, fmt: str, as_of: date | None) -> int:
    """What `cxaudit check FILE -f FMT` and `cxaudit sla FILE` do, returning the exit code."""
    from cxaudit import __version__
    from cxaudit.api import AuditResult, audit_process, load_process
    from cxaudit.clock.slatable import render_table, sla_rows
    from cxaudit.errors import CxauditError
    from cxaudit.model.process import as_of_date
    from cxaudit.report import RenderOptions, render

    path = _TMP / "process.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        proc = load_process(str(path))
        rules = _rules()
        unit = audit_process(proc, rules, as_of)
        result = AuditResult(__version__, "high", {r.id: r for r in rules}, (unit,))
        out = render(fmt, result, RenderOptions())
        if fmt in ("json", "sarif", "gitlab"):
            json.loads(out)
        start = as_of_date(proc, as_of)
        if start is not None:
            render_table(sla_rows(proc, start))
        return result.exit_code
    except CxauditError as exc:
        assert exc.problems and all(p.message for p in exc.problems)
        return 2


def diff_exit(old: str, new: str) -> int:
    """What `cxaudit diff OLD NEW -f md` does, returning the exit code."""
    from cxaudit.diff import diff
    from cxaudit.diff.render import render as render_diff
    from cxaudit.errors import CxauditError

    (_TMP / "old.yaml").write_text(old, encoding="utf-8")
    (_TMP / "new.yaml").write_text(new, encoding="utf-8")
    try:
        result = diff(str(_TMP / "old.yaml"), str(_TMP / "new.yaml"))
        render_diff("md", result, None, 65_536)
        render_diff("json", result, None, 0)
        return result.exit_code
    except CxauditError:
        return 2


@pytest.fixture(autouse=True)
def _quiet_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CXAUDIT_CACHE_DIR", str(_TMP / "cache"))


@FUZZ
@given(data=st.data(), fmt=st.sampled_from(FORMATS), as_of=st.sampled_from(AS_OF))
def test_mutated_examples_never_crash(data: st.DataObject, fmt: str, as_of: date | None) -> None:
    doc = data.draw(mutated(_bases(), _schema_gen()))
    assert check_exit(dump(doc), fmt, as_of) in (0, 1, 2)


@FUZZ
@given(data=st.data(), fmt=st.sampled_from(FORMATS), as_of=st.sampled_from(AS_OF))
def test_schema_generated_documents_never_crash(data: st.DataObject, fmt: str,
                                                as_of: date | None) -> None:
    gen = _schema_gen()
    doc = gen.value(data.draw, gen.schema)
    assert check_exit(dump(doc), fmt, as_of) in (0, 1, 2)


@settings(FUZZ, max_examples=max(50, EXAMPLES_PER_TEST // 6))
@given(data=st.data())
def test_diff_of_a_mutated_example_never_crashes(data: st.DataObject) -> None:
    bases = _bases()
    old = data.draw(st.sampled_from(bases))
    new = data.draw(mutated([old], _schema_gen()))
    assert diff_exit(dump(old), dump(new)) in (0, 1, 2)


def test_most_mutated_examples_still_reach_the_audit() -> None:
    """A fuzzer whose files all fail the schema would only test the schema."""
    codes: list[int] = []

    @settings(FUZZ, max_examples=150, derandomize=True)
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        codes.append(check_exit(dump(data.draw(mutated(_bases(), _schema_gen()))), "json", None))

    run()
    audited = sum(c in (0, 1) for c in codes)
    assert audited >= len(codes) // 4, f"only {audited} of {len(codes)} mutated files audited"
