"""Fuzzing the other files a run reads: configuration, waivers, baselines, rule packs and legal
tables, mutated from real ones or generated from their schemas, through the command line
in-process. Every run must end in exit code 0, 1 or 2 with no traceback and no internal error.
`CXAUDIT_FUZZ_EXAMPLES` scales these too (a twentieth of it per kind of file).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from conftest import EXAMPLES, ROOT
from fuzzgen import SchemaGen, dump, looks_crashed, mutated
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

PER_KIND = max(20, int(os.environ.get("CXAUDIT_FUZZ_EXAMPLES", "800")) // 20)
FUZZ = settings(max_examples=PER_KIND, deadline=None, database=None,
                derandomize=bool(os.environ.get("CI")) and "CXAUDIT_FUZZ_SEED" not in os.environ,
                suppress_health_check=list(HealthCheck))
SHOP = str(EXAMPLES / "online-shop.yaml")
_TMP = Path(tempfile.mkdtemp(prefix="cxaudit-fuzz-files-"))
CONFIG = {"fail_on": "medium", "rules": [], "enable": ["RESP-*", "RET-*"],
          "disable": ["RESP-011"], "severity": {"RESP-001": "high"},
          "params": {"RESP-001": {"max_wait": "8h"}, "RET-001": {"delivery_time": "3d"}}}
WAIVERS = {"waivers": [{"rule": "RESP-001", "unit": "cxp-00042", "path": "channels[email]",
                        "reason": "Weekend rota starts in March", "owner": "care-lead",
                        "expires": "2030-01-01"}]}


def _run(*args: str) -> tuple[int, str]:
    from typer.testing import CliRunner

    from cxaudit.cli import app

    if args[0] == "check" and "--config" not in args:
        args = (*args, "--no-config")
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def _ok(code: int, out: str) -> None:
    assert code in (0, 1, 2) and not looks_crashed(out), out[-3000:]


def _schema(name: str) -> SchemaGen:
    return SchemaGen(json.loads((ROOT / "cxaudit" / "schema" / f"{name}.schema.json")
                                .read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def _baseline() -> Any:
    from cxaudit.api import Options, baseline_text

    return json.loads(baseline_text([SHOP], str(_TMP / "b.json"), Options()))


@FUZZ
@given(data=st.data(), generated=st.booleans())
def test_configurations_never_crash(data: st.DataObject, generated: bool) -> None:
    gen = _schema("config")
    doc = gen.value(data.draw, gen.schema) if generated else data.draw(mutated([CONFIG], gen))
    path = _TMP / "cxaudit.yaml"
    path.write_text(dump(doc), encoding="utf-8")
    _ok(*_run("check", SHOP, "--config", str(path), "-f", "json"))


@FUZZ
@given(data=st.data(), body=st.sampled_from(["", "[tool]\n", "[tool.cxaudit]\n"]))
def test_pyproject_tables_never_crash(data: st.DataObject, body: str) -> None:
    gen = _schema("config")
    doc = data.draw(mutated([CONFIG], gen))
    lines = [body]
    for key, value in doc.items() if isinstance(doc, dict) else []:
        text = json.dumps(value) if not isinstance(value, dict) else "{ " + ", ".join(
            f'"{k}" = {json.dumps(v)}' for k, v in value.items()) + " }"
        lines.append(f'"{key}" = {text}')
    path = _TMP / "settings.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _ok(*_run("check", SHOP, "--config", str(path), "-f", "json"))


@FUZZ
@given(data=st.data(), generated=st.booleans())
def test_waivers_never_crash(data: st.DataObject, generated: bool) -> None:
    gen = _schema("waivers")
    doc = gen.value(data.draw, gen.schema) if generated else data.draw(mutated([WAIVERS], gen))
    path = _TMP / "waivers.yaml"
    path.write_text(dump(doc), encoding="utf-8")
    _ok(*_run("check", SHOP, "--waivers", str(path)))


@FUZZ
@given(data=st.data())
def test_baselines_never_crash(data: st.DataObject) -> None:
    doc = data.draw(mutated([_baseline()], SchemaGen({})))
    path = _TMP / "baseline.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    _ok(*_run("check", SHOP, "--baseline", str(path)))


@lru_cache(maxsize=1)
def _rule_bases() -> tuple[Any, ...]:
    names = ("RET-011", "RESP-001", "ESC-001", "FDB-002", "OWN-004", "REC-002", "ACC-006")
    out = []
    for name in names:
        raw = yaml.safe_load((ROOT / "rules" / "core" / f"{name}.yaml").read_text("utf-8"))
        raw["id"] = "FUZZ-001"
        out.append(raw)
    return tuple(out)


RULE_LOGIC = ("check", "where", "params", "severity_when", "select", "applies", "function")


@FUZZ
@given(data=st.data(), how=st.sampled_from(["generated", "anywhere", "logic", "logic"]))
def test_rule_packs_never_crash(data: st.DataObject, how: str) -> None:
    gen = _schema("rule")
    doc = gen.value(data.draw, gen.schema) if how == "generated" else data.draw(
        mutated(_rule_bases(), gen, RULE_LOGIC if how == "logic" else ()))
    pack = _TMP / "pack"
    shutil.rmtree(pack, ignore_errors=True)
    pack.mkdir()
    (pack / "FUZZ-001.yaml").write_text(dump(doc), encoding="utf-8")
    _ok(*_run("check", SHOP, "--no-builtin-rules", "-r", str(pack)))
    _ok(*_run("rules", "test", str(pack)))


@lru_cache(maxsize=1)
def _legal_bases() -> tuple[Any, ...]:
    legal = ROOT / "rules" / "data" / "legal"
    return tuple(yaml.safe_load(p.read_text("utf-8")) for p in sorted(legal.glob("*.yaml")))


@FUZZ
@given(data=st.data())
def test_legal_tables_never_crash(data: st.DataObject) -> None:
    doc = data.draw(mutated(_legal_bases(), SchemaGen({})))
    legal = _TMP / "legal"
    shutil.rmtree(legal, ignore_errors=True)
    legal.mkdir()
    (legal / "area.yaml").write_text(dump(doc), encoding="utf-8")
    _ok(*_run("check", SHOP, "--legal-data", str(legal)))
    _ok(*_run("check", str(EXAMPLES / "ru-shop-eu-buyers.yaml"), "--legal-data", str(legal)))
