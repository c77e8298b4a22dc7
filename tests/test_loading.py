"""The loader refuses unsafe or malformed YAML with file:line:col and a hint."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cxaudit.document.loading import Limits, load_bytes, load_file, load_text
from cxaudit.errors import InputError

HEAD = "apiVersion: cxaudit/v1\nkind: CustomerServiceProcess\n"


def test_yaml_12_scalars_keep_on_and_norway() -> None:
    doc = load_text(HEAD + "x: {on: breach}\nj: [NO, yes, off, true]\nt: 18:00\nn: 010\n", "f.yaml")
    assert doc.data["x"] == {"on": "breach"}
    assert doc.data["j"] == ["NO", "yes", "off", True]
    assert doc.data["t"] == "18:00"
    assert doc.data["n"] == 10


def test_positions_of_keys_and_items() -> None:
    doc = load_text(HEAD + "channels:\n  - id: email\n    type: email\n  - {id: chat}\n", "f.yaml")
    assert doc.locate(("channels",)) == (3, 1)
    assert doc.locate(("channels", 0, "type")) == (5, 5)
    assert doc.locate(("channels", 1, "id")) == (6, 6)
    assert doc.locate(("channels", 1, "missing", "deeper")) == (6, 5)


def test_dates_stay_iso_text() -> None:
    assert load_text(HEAD + "d: 2025-09-01\n", "f.yaml").data["d"] == "2025-09-01"


def test_merge_keys_are_supported() -> None:
    doc = load_text(HEAD + "a: &base {x: 1, y: 2}\nb:\n  <<: *base\n  y: 3\n", "f.yaml")
    assert doc.data["b"] == {"x": 1, "y": 3}


BOMB = HEAD + "a: &a [x,x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"{n}: &{n} [{', '.join(['*' + p] * 10)}]\n" for p, n in zip("abcde", "bcdef", strict=False))


@pytest.mark.parametrize(("text", "line", "col", "message"), [
    pytest.param(HEAD + "a: 1\na: 2\n", 4, 1, "duplicate key 'a' (first defined on line 3)",
                 id="duplicate key"),
    pytest.param(HEAD + "1: x\n", 3, 1, "keys must be text", id="non-string key"),
    pytest.param(HEAD + "x: !!python/object/apply:os.system [ls]\n", 3, 4, "is not allowed",
                 id="python tag"),
    pytest.param(HEAD + "x: !custom 1\n", 3, 4, "the tag '!custom' is not allowed", id="local tag"),
    pytest.param(HEAD + "x: !!binary aGk=\n", 3, 4, "is not allowed", id="binary tag"),
    pytest.param(HEAD + "updated: 2026-02-30\n", 3, 10, "'2026-02-30' is not a real calendar date",
                 id="impossible date"),
    pytest.param("# nothing here\n\n", 1, 1, "the file is empty", id="empty file"),
    pytest.param("- a\n- b\n", 1, 1, "the top level is a list", id="top level list"),
    pytest.param("just text\n", 1, 1, "the top level is a scalar value", id="top level scalar"),
    pytest.param(BOMB, 3, 4, "expands to more than", id="alias bomb"),
    pytest.param(HEAD + "a: &a [*a]\n", 3, 4, "nesting is deeper than", id="recursive alias"),
    pytest.param(HEAD + "a: [1, 2\nb: 3\n", 4, 2, "YAML syntax error", id="syntax error"),
    pytest.param(HEAD + "a: 1\n---\nb: 2\n", 4, 1, "YAML syntax error", id="two documents"),
    pytest.param(HEAD + "a:\n\t- b\n", 4, 1, "YAML syntax error", id="tab indentation"),
])
def test_refused(text: str, line: int, col: int, message: str) -> None:
    with pytest.raises(InputError) as err:
        load_text(text, "proc.yaml")
    problem = err.value.problems[0]
    assert (problem.file, problem.line, problem.column) == ("proc.yaml", line, col)
    assert message in problem.message
    assert problem.hint, "every refusal says how to fix it"
    assert str(err.value).startswith(f"proc.yaml:{line}:{col}: ")


def test_depth_limit() -> None:
    text = HEAD + "a: " + "[" * 70 + "]" * 70 + "\n"
    with pytest.raises(InputError, match="nesting is deeper than 64"):
        load_text(text, "deep.yaml")


def test_invalid_utf8_names_the_position() -> None:
    with pytest.raises(InputError) as err:
        load_bytes(HEAD.encode() + b"name: caf\xe9\n", "latin1.yaml")
    p = err.value.problems[0]
    assert (p.line, p.column) == (3, 10)
    assert "invalid UTF-8" in p.message and "UTF-8" in p.hint


def test_size_limit_is_checked_before_parsing(tmp_path: Path) -> None:
    f = tmp_path / "big.yaml"
    f.write_text(HEAD + "x: " + "a" * 5000 + "\n")
    with pytest.raises(InputError, match="over the limit of 1,000 bytes"):
        load_file(f, Limits(max_bytes=1000))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read file"):
        load_file(tmp_path / "nope.yaml")


def test_bom_is_accepted() -> None:
    assert load_bytes(b"\xef\xbb\xbf" + HEAD.encode(), "bom.yaml").data["kind"]


def test_errors_name_the_kind_of_file_and_how_to_start_it(cli: Any, tmp_path: Path) -> None:
    from conftest import EXAMPLES

    waivers = tmp_path / "waivers.yaml"
    waivers.write_text("- rule: RESP-004\n  reason: r\n  owner: o\n  expires: 2030-01-01\n",
                       encoding="utf-8")
    r = cli("check", str(EXAMPLES / "online-shop.yaml"), "--waivers", str(waivers))
    assert r.exit_code == 2
    assert f"{waivers}:1:1: the top level is a list, but a waivers file must be a mapping" \
        in r.stderr and "under a top-level `waivers:` key" in r.stderr
    empty = tmp_path / "process.yaml"
    empty.write_text("# nothing yet\n", encoding="utf-8")
    r = cli("check", str(empty))
    assert r.exit_code == 2 and "the file is empty" in r.stderr
    assert "apiVersion: cxaudit/v1" in r.stderr and "cxaudit init" not in r.stderr
