"""Configuration: discovery, pyproject, --config, rule settings, errors at the config's lines."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, ROOT

from cxaudit.api import Options, audit
from cxaudit.errors import InputError
from cxaudit.policy.config import Config, discover, find, load
from cxaudit.policy.settings import configure
from cxaudit.rules.packs import builtin_rules

SHOP = EXAMPLES / "online-shop.yaml"
WEAK = EXAMPLES / "weak-small-shop.yaml"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository holding a copy of the online shop; the cwd is a nested folder."""
    (tmp_path / ".git").mkdir()  # discovery stops at the repository root
    shutil.copy(SHOP, tmp_path / "shop.yaml")
    nested = tmp_path / "docs" / "deep"
    nested.mkdir(parents=True)
    monkeypatch.chdir(nested)
    return tmp_path


def _json(r: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(r.stdout)
    return data


def _rules_found(r: Any) -> set[str]:
    return {f["rule_id"] for f in _json(r)["findings"]}


def test_config_is_found_from_a_nested_directory(cli: Any, project: Path) -> None:
    shop = project / "shop.yaml"
    assert cli("check", shop).exit_code == 1  # three high findings
    (project / ".cxaudit.yaml").write_text("fail_on: critical\n", encoding="utf-8")
    assert cli("check", shop).exit_code == 0
    assert cli("check", shop, "--fail-on", "high").exit_code == 1  # the command line wins
    assert cli("check", shop, "--no-config").exit_code == 1


def test_pyproject_tool_table_is_a_config(cli: Any, project: Path) -> None:
    shop = project / "shop.yaml"
    (project / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.cxaudit]\nfail_on = "critical"\n'
        'disable = ["FDB-*"]\n', encoding="utf-8")
    r = cli("check", shop, "-f", "json")
    assert r.exit_code == 0
    assert not any(i.startswith("FDB-") for i in _rules_found(r))


def test_pyproject_without_the_table_is_skipped(project: Path) -> None:
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert find(project / "docs") is None


def test_yaml_wins_over_pyproject_in_one_directory_and_says_so(cli: Any, project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.cxaudit]\nfail_on = "high"\n',
                                            encoding="utf-8")
    (project / ".cxaudit.yaml").write_text("fail_on: none\n", encoding="utf-8")
    r = cli("check", project / "shop.yaml")
    assert r.exit_code == 0
    assert ".cxaudit.yaml" in r.stderr and "is ignored" in r.stderr


def test_the_nearest_config_wins(project: Path) -> None:
    (project / ".cxaudit.yaml").write_text("fail_on: low\n", encoding="utf-8")
    (project / "docs" / ".cxaudit.yml").write_text("fail_on: medium\n", encoding="utf-8")
    assert discover().fail_on == "medium"
    assert discover(project).fail_on == "low"


def test_named_config_file(cli: Any, project: Path, tmp_path_factory: Any) -> None:
    elsewhere = tmp_path_factory.mktemp("conf") / "strict.yaml"
    elsewhere.write_text("fail_on: none\n", encoding="utf-8")
    assert cli("check", project / "shop.yaml", "--config", elsewhere).exit_code == 0
    r = cli("check", project / "shop.yaml", "--config", project / "missing.yaml")
    assert r.exit_code == 2 and "config file not found" in r.stderr


def test_stricter_params_make_the_online_shop_fail(cli: Any, project: Path) -> None:
    shop = project / "shop.yaml"
    assert cli("check", shop, "--fail-on", "critical").exit_code == 0
    (project / ".cxaudit.yaml").write_text("params:\n  RESP-001: {max_wait: 8h}\n",
                                           encoding="utf-8")
    r = cli("check", shop, "--fail-on", "critical", "-f", "json")
    assert r.exit_code == 1
    found = [f for f in _json(r)["findings"] if f["rule_id"] == "RESP-001"
             and f["severity"] == "critical"]
    assert found and "longer than the 8h customers accept" in found[0]["message"]


def test_enable_disable_and_severity(cli: Any, project: Path) -> None:
    shop, conf = project / "shop.yaml", project / ".cxaudit.yaml"
    conf.write_text("enable: [RESP-*, ACC-00?]\ndisable: [RESP-011]\n", encoding="utf-8")
    r = cli("check", shop, "-f", "json")
    ids = _rules_found(r)
    assert ids and all(i.startswith(("RESP-", "ACC-00")) for i in ids) and "RESP-011" not in ids
    assert r.exit_code == 1  # RESP-004 is still there
    conf.write_text("severity:\n  RESP-004: critical\n  resp-011: info\n", encoding="utf-8")
    r = cli("check", shop, "-f", "json", "--fail-on", "critical")
    by_rule = {f["rule_id"]: f for f in _json(r)["findings"]}
    assert by_rule["RESP-004"]["severity"] == "critical" and r.exit_code == 1
    assert by_rule["RESP-011"]["severity"] == "info"  # now only a note
    assert "RESP-011" in _json(r)["units"][0]["passed_rules"]


def test_rule_packs_are_relative_to_the_config(cli: Any, project: Path) -> None:
    pack = project / "house"
    pack.mkdir()
    text = (ROOT / "rules" / "core" / "RESP-004.yaml").read_text(encoding="utf-8")
    (pack / "HOUSE-004.yaml").write_text(text.replace("id: RESP-004", "id: HOUSE-004"),
                                         encoding="utf-8")
    (project / ".cxaudit.yaml").write_text("rules: [house]\n", encoding="utf-8")
    r = cli("check", project / "shop.yaml", "-f", "json")
    assert {"HOUSE-004", "RESP-004"} <= _rules_found(r)
    (project / ".cxaudit.yaml").write_text("rules: [house]\nbuiltin_rules: false\n",
                                           encoding="utf-8")
    assert _rules_found(cli("check", project / "shop.yaml", "-f", "json")) == {"HOUSE-004"}


@pytest.mark.parametrize("text, where, message, hint", [
    pytest.param("fail_on: high\nfial_on: low\n", ":2:1:", "unknown field 'fial_on'",
                 "did you mean 'fail_on'?", id="unknown key"),
    pytest.param("fail_on: severe\n", ":1:1:", "'severe' is not one of", "", id="bad level"),
    pytest.param("disable:\n  - RESP-01\n", ":2:5:", "unknown rule id 'RESP-01'",
                 "did you mean RESP-001?", id="unknown rule in disable"),
    pytest.param("enable: [NOPE-*]\n", ":1:10:", "pattern 'NOPE-*' matches no rule", "",
                 id="glob matching nothing"),
    pytest.param("severity:\n  RESP-004: severe\n", ":2:3:", "'severe' is not one of",
                 "", id="bad severity"),
    pytest.param("severity:\n  RESP-0044: low\n", ":2:3:", "unknown rule id 'RESP-0044'",
                 "did you mean RESP-004?", id="unknown rule in severity"),
    pytest.param("params:\n  RESP-001:\n    max_wiat: 8h\n", ":3:5:",
                 "rule RESP-001 has no parameter 'max_wiat'", "did you mean max_wait?",
                 id="unknown param"),
    pytest.param("params:\n  RESP-001:\n    max_wait: soon\n", ":3:5:",
                 "'soon' is not a valid duration", "", id="bad duration"),
    pytest.param("- fail_on\n", ":1:1:", "a config file must be a mapping",
                 "write settings as `key: value`",
                 id="not a mapping"),
    pytest.param("fail_on: [high\n", ":2:1:", "YAML syntax error", "", id="syntax"),
])
def test_bad_config_is_an_error_at_its_line(cli: Any, project: Path, text: str, where: str,
                                            message: str, hint: str) -> None:
    conf = project / ".cxaudit.yaml"
    conf.write_text(text, encoding="utf-8")
    r = cli("check", project / "shop.yaml")
    assert r.exit_code == 2, r.stdout
    assert f"{conf}{where}" in r.stderr and message in r.stderr, r.stderr
    assert "hint: " + hint in r.stderr
    assert "Traceback" not in r.stderr


@pytest.mark.parametrize("text, where, message", [
    pytest.param('[tool.cxaudit]\nfail_on = "high"\ndisable = ["RESP-01"]\n', ":3:1:",
                 "unknown rule id 'RESP-01'", id="unknown rule"),
    pytest.param('[tool.cxaudit]\nfail_on = "high"\n\n[tool.cxaudit.params.RESP-001]\n'
                 'max_wiat = "8h"\n', ":5:1:", "no parameter 'max_wiat'", id="param table"),
    pytest.param('[tool.cxaudit]\nfailon = "high"\n', ":2:1:", "unknown field 'failon'",
                 id="unknown key"),
    pytest.param('[tool.cxaudit]\nfail_on = high\n', ":2:11:", "TOML syntax error",
                 id="syntax"),
])
def test_bad_pyproject_is_an_error_at_its_line(cli: Any, project: Path, text: str, where: str,
                                               message: str) -> None:
    (project / "pyproject.toml").write_text(text, encoding="utf-8")
    r = cli("check", project / "shop.yaml")
    assert r.exit_code == 2
    assert f"pyproject.toml{where}" in r.stderr and message in r.stderr, r.stderr


def test_empty_config_means_defaults(project: Path) -> None:
    (project / ".cxaudit.yaml").write_text("# nothing yet\n", encoding="utf-8")
    assert load(project / ".cxaudit.yaml").data == {}


def test_configuring_leaves_the_builtin_rules_and_their_examples_alone(tmp_path: Path) -> None:
    conf = tmp_path / ".cxaudit.yaml"
    conf.write_text("params:\n  RESP-001: {max_wait: 8h}\nseverity: {RESP-004: low}\n",
                    encoding="utf-8")
    rules = configure(builtin_rules(), load(conf))
    assert {r.id: r for r in rules}["RESP-001"].params["max_wait"] == "8h"
    builtin = {r.id: r for r in builtin_rules()}
    assert builtin["RESP-001"].params["max_wait"] == "24h"
    assert builtin["RESP-004"].severity.value == "high"


def test_api_takes_the_config_through_options(tmp_path: Path) -> None:
    conf = tmp_path / "c.yaml"
    conf.write_text("disable: [RESP-004]\n", encoding="utf-8")
    result = audit([SHOP], Options(config=load(conf)))
    assert "RESP-004" not in result.rules
    assert "RESP-004" in audit([SHOP], Options(config=Config())).rules


def test_schema_config_is_published(cli: Any) -> None:
    r = cli("schema", "config")
    assert r.exit_code == 0 and json.loads(r.stdout)["title"] == "cxaudit configuration"


def test_errors_are_input_errors(tmp_path: Path) -> None:
    conf = tmp_path / ".cxaudit.yaml"
    conf.write_text("rules: notalist\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load(conf)
    assert exc.value.problems[0].line == 1


@pytest.mark.parametrize("name", ["config.schema.json", "waivers.schema.json"])
def test_published_schemas_are_valid_draft_2020_12(name: str) -> None:
    import jsonschema

    from cxaudit import resources

    schema = json.loads(resources.schema_text(name))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
