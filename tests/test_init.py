"""`cxaudit init` without a terminal: templates, answers files, what is written and refused."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, run_cxaudit
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cxaudit.document.loading import load_text
from cxaudit.init import build, store, templates
from cxaudit.init.emit import scalar
from cxaudit.init.questions import questions
from cxaudit.init.texts import TEXT_FIELDS, say, table
from cxaudit.model.terms import TERMS

TODAY = "2026-03-02"


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CXAUDIT_TODAY", TODAY)


@pytest.mark.parametrize("name", templates.names())
def test_every_template_validates_and_audits(cli: Any, tmp_path: Path, name: str) -> None:
    out = tmp_path / f"{name}.yaml"
    r = cli("init", "--template", name, "--no-input", "-o", out)
    assert r.exit_code == 0, r.output
    assert f"Wrote {out}" in r.output and "Score " in r.output and "Described " in r.output
    checked = cli("check", out, "-f", "json")
    assert checked.exit_code in (0, 1), checked.output
    unit = json.loads(checked.stdout)["units"][0]
    assert unit["score"] is not None and unit["described"] > 30
    # the summary init printed is the audit's
    assert f"Score {unit['score']}/100 ({unit['passed']} of {unit['judged']}" in r.output
    assert not json.loads(checked.stdout)["warnings"], "a template uses an unknown value"
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=./cxaudit.schema.json\n")
    assert (tmp_path / "cxaudit.schema.json").is_file()


def test_templates_cover_the_sectors_the_issue_names() -> None:
    assert set(templates.names()) >= {"online-shop", "marketplace", "bank", "telecom",
                                      "b2b-saas", "restaurant", "cinema", "hotel", "utility"}
    assert templates.path("retail").stem == "online-shop"
    assert templates.path("saas").stem == "b2b-saas"


@pytest.mark.parametrize("name", ["online-shop", "bank", "hotel"])
def test_answers_reproduce_the_file_byte_for_byte(cli: Any, tmp_path: Path, name: str) -> None:
    first, second = tmp_path / "a" / "p.yaml", tmp_path / "b" / "other-name.yaml"
    first.parent.mkdir()
    second.parent.mkdir()
    assert cli("init", "--template", name, "--no-input", "-o", first).exit_code == 0
    answers = templates.path(name)
    assert cli("init", "--answers", answers, "--no-input", "-o", second).exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    # an answers file saved by init (with its date) gives the same bytes on another day
    kept = store.load(answers, None)
    saved = tmp_path / "saved.answers.yaml"
    saved.write_text(kept.text(), encoding="utf-8")
    third = tmp_path / "third.yaml"
    r = run_cxaudit("init", "--answers", str(saved), "--no-input", "-o", str(third))
    assert r.returncode == 0, r.stderr
    assert third.read_bytes() == first.read_bytes()


def test_never_overwrites_without_force(cli: Any, tmp_path: Path) -> None:
    target = tmp_path / "process.yaml"
    target.write_text("mine\n", encoding="utf-8")
    r = cli("init", "--template", "bank", "--no-input", "-o", target)
    assert r.exit_code == 2
    assert "already exists" in r.output and "--force" in r.output
    assert target.read_text(encoding="utf-8") == "mine\n"
    r = cli("init", "--template", "bank", "--no-input", "-o", target, "--force")
    assert r.exit_code == 0 and "sector: bank" in target.read_text(encoding="utf-8")


def test_an_existing_schema_beside_is_kept(cli: Any, tmp_path: Path) -> None:
    (tmp_path / "cxaudit.schema.json").write_text("{}", encoding="utf-8")
    r = cli("init", "--template", "cinema", "--no-input", "-o", tmp_path / "c.yaml")
    assert r.exit_code == 0 and "Kept the existing" in r.output
    assert (tmp_path / "cxaudit.schema.json").read_text(encoding="utf-8") == "{}"


def test_without_a_terminal_init_asks_for_no_input(cli: Any, tmp_path: Path) -> None:
    r = cli("init", "-o", tmp_path / "p.yaml")
    assert r.exit_code == 2 and "no terminal" in r.output and "--no-input" in r.output
    assert not (tmp_path / "p.yaml").exists()


def test_unknown_template_says_what_is_known(cli: Any, tmp_path: Path) -> None:
    r = cli("init", "--template", "banc", "--no-input", "-o", tmp_path / "p.yaml")
    assert r.exit_code == 2 and "did you mean 'bank'?" in r.output and "utility" in r.output


def test_a_bad_answers_file_is_refused_at_its_line(cli: Any, tmp_path: Path) -> None:
    bad = tmp_path / "a.yaml"
    bad.write_text("cxaudit: init-answers/v1\nanswers:\n  countries: [DE]\n  sectr: bank\n",
                   encoding="utf-8")
    r = cli("init", "--answers", bad, "--no-input", "-o", tmp_path / "p.yaml")
    assert r.exit_code == 2
    assert f"{bad}:4:3: no question is called 'sectr'" in r.output
    assert "did you mean 'sector'?" in r.output
    bad.write_text("cxaudit: init-answers/v1\nanswers:\n  first_response: 2dd\n",
                   encoding="utf-8")
    r = cli("init", "--answers", bad, "--no-input", "-o", tmp_path / "p.yaml")
    assert r.exit_code == 2 and f"{bad}:3:3: answer to 'first_response'" in r.output
    assert "hint:" in r.output and not (tmp_path / "p.yaml").exists()


def test_no_input_without_answers_writes_a_skeleton_that_audits(cli: Any, tmp_path: Path) -> None:
    out = tmp_path / "p.yaml"
    r = cli("init", "--no-input", "-o", out)
    assert r.exit_code == 0, r.output
    assert "Score n/a (no rule could be judged yet)" in r.output
    assert "Described 0 %" in r.output and "1. Describe: " in r.output
    assert cli("check", out).exit_code in (0, 1)


def _template_answers() -> dict[str, Any]:
    return store.load(templates.path("online-shop"), None).values


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow],
          derandomize=True)
@given(st.sets(st.sampled_from(sorted(_template_answers()))))
def test_any_answers_skipped_still_give_a_valid_file(skipped: set[str]) -> None:
    """Enter skips any question: whatever is left out, the file validates and audits."""
    values = {k: (None if k in skipped else v) for k, v in _template_answers().items()}
    answers = store.Answers(values, TODAY, None)
    text = build.render(answers)
    build.verify(text, "p.yaml")  # raises on anything `check` would refuse
    for key in skipped:
        assert key not in load_text(text, "p.yaml").data.get("x-none", {})


@given(st.text(max_size=40))
@settings(max_examples=300, deadline=None)
def test_any_text_answer_is_written_so_that_it_reads_back_the_same(value: str) -> None:
    doc = load_text(f"key: {scalar(value)}\n", "t.yaml")
    assert doc.data["key"] == value


@pytest.mark.parametrize("value", ["no", "NO", "on", "yes", "09:00", "1e3", "2025-09-01", "null",
                                   "- x", "a: b", "# x", "x #y", "'q'", "@home", "\u2028", "~"])
def test_words_other_yaml_readers_misread_are_quoted(value: str) -> None:
    import yaml

    written = scalar(value)
    assert yaml.safe_load(f"k: {written}")["k"] == value  # YAML 1.1 (PyYAML, editors)
    assert load_text(f"k: {written}\n", "t").data["k"] == value  # YAML 1.2 (cxaudit)


# --- the questionnaire as data ----------------------------------------------------------------

SCHEMA = json.loads((ROOT / "cxaudit" / "schema" / "process.schema.json").read_text("utf-8"))


def _schema_has(path: str) -> bool:
    node: Any = SCHEMA
    for part in re.split(r"\.", path.replace("[]", ".[]")):
        while "$ref" in node:
            node = SCHEMA["$defs"][node["$ref"].rsplit("/", 1)[1]]
        if "oneOf" in node or "anyOf" in node:
            node = next((o for o in node.get("oneOf", node.get("anyOf", ()))
                         if "properties" in o or "items" in o or "$ref" in o), node)
            while "$ref" in node:
                node = SCHEMA["$defs"][node["$ref"].rsplit("/", 1)[1]]
        if part == "[]":
            node = node.get("items", {})
        else:
            props = node.get("properties", {})
            if part not in props:
                return False
            node = props[part]
    return True


def test_every_question_has_its_texts_and_fills_real_fields() -> None:
    texts = table()
    assert 25 <= len(questions()) <= 40
    for q in questions():
        for field in TEXT_FIELDS:
            assert texts.get(f"{q.id}.{field}"), f"{q.id} has no {field}"
        for choice in q.choices:
            assert texts.get(f"{q.id}.choices.{choice}"), f"{q.id}: no label for {choice}"
        assert q.fills, q.id
        for path in q.fills:
            assert _schema_has(path), f"{q.id} fills {path}, which the schema does not have"


@pytest.mark.parametrize("qid,field", [("sector", "organization.sector"),
                                       ("customer_type", "organization.customer_type"),
                                       ("sells", "organization.sells[]"),
                                       ("channels", "channels[].type"),
                                       ("purposes", "channels[].purposes[]"),
                                       ("after_hours", "business_hours.after_hours.coverage"),
                                       ("returns_window_starts", "returns.window_starts"),
                                       ("cx_owner_mandate", "ownership.cx_owner.mandate"),
                                       ("phone_cost", "channels[].phone.cost")])
def test_choices_are_the_vocabulary_s_known_values(qid: str, field: str) -> None:
    known = next(t.known for t in TERMS if t.path == field)
    q = next(q for q in questions() if q.id == qid)
    assert set(q.choices) <= set(known), set(q.choices) - set(known)


def test_texts_are_looked_up_by_key_with_values_filled_in() -> None:
    assert say("ui.wrote", file="x.yaml") == "Wrote x.yaml"
    with pytest.raises(KeyError):
        say("no.such.text")


# --- schema and editor setup ------------------------------------------------------------------

def test_schema_can_be_written_to_a_file(cli: Any, tmp_path: Path) -> None:
    out = tmp_path / "s.json"
    r = cli("schema", "process", "-o", out)
    assert r.exit_code == 0 and r.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["$id"].endswith("/process/v1.json")
    assert cli("schema", "rule", "--output", out).exit_code == 0
    assert "rule" in json.loads(out.read_text(encoding="utf-8"))["title"]


def test_check_never_imports_the_prompt_or_round_trip_libraries() -> None:
    code = ("import sys, runpy; sys.argv = ['cxaudit', 'check', 'examples/online-shop.yaml'];\n"
            "try:\n    runpy.run_module('cxaudit', run_name='__main__')\n"
            "except SystemExit:\n    pass\n"
            "bad = [m for m in sys.modules if m.split('.')[0] in "
            "('questionary', 'prompt_toolkit', 'ruamel')]\n"
            "sys.stderr.write('LOADED ' + ','.join(bad))")
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                       timeout=120)
    assert "LOADED " in r.stderr and r.stderr.rsplit("LOADED ", 1)[1] == ""


def test_readme_sample_of_init_is_what_init_prints(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("$ cxaudit init --template online-shop --no-input\n", 1)[1]
    sample = block.split("\n```", 1)[0] + "\n"
    r = run_cxaudit("init", "--template", "online-shop", "--no-input", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout == sample, "README's init sample is stale: paste the new one"
