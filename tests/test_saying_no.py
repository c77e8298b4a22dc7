"""The words a file uses to say "there is none", and what a user sees when one is misspelt."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

HEAD = "apiVersion: cxaudit/v1\nkind: CustomerServiceProcess\n"


def _write(tmp_path: Path, body: str) -> str:
    path = tmp_path / "p.yaml"
    path.write_text(HEAD + body, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(("body", "where", "hint"), [
    pytest.param("ownership:\n  cx_owner: null\n", "4:3", "or none if nobody does",
                 id="a null CX owner names the word to use"),
    pytest.param("feedback:\n  surveys:\n    - {type: nps, reviewed: sometimes}\n", "5:19",
                 "never if nobody reviews them", id="an unknown review names never"),
    pytest.param("complaints:\n  acknowledge_within: 24\n", "4:3",
                 "none if complaints are not acknowledged at all", id="a bare number"),
])
def test_a_wrong_no_is_an_input_error_with_the_word_to_use(cli: Any, tmp_path: Path, body: str,
                                                           where: str, hint: str) -> None:
    result = cli("check", _write(tmp_path, body))
    assert result.exit_code == 2
    out = result.output
    assert f"p.yaml:{where}:" in out and hint in out, out


def test_a_misspelt_duration_still_gets_the_duration_hint(cli: Any, tmp_path: Path) -> None:
    result = cli("check", _write(tmp_path, "complaints:\n  resolve_within: 2days\n"))
    out = result.output
    assert result.exit_code == 2
    assert "'2days' is not in the expected format" in out and "8h@business" in out
    assert "must be 'none'" not in out


def test_a_redirect_to_a_channel_that_is_not_there(cli: Any, tmp_path: Path) -> None:
    body = ("channels:\n  - {id: email, type: email, purposes: [support]}\n"
            "  - id: instagram\n    type: social\n"
            "    social: {monitored: false, redirects_to: emial}\n")
    result = cli("check", _write(tmp_path, body))
    out = result.output
    assert result.exit_code == 2
    assert "p.yaml:7:32:" in out and "did you mean 'email'?" in out, out


def test_saying_no_is_judged_and_leaving_out_is_asked(cli: Any, tmp_path: Path) -> None:
    said = _write(tmp_path, "complaints:\n  acknowledge_within: none\n"
                  "ownership:\n  cx_owner: none\n")
    result = cli("check", said, "--no-color")
    out = result.output
    assert result.exit_code == 1
    assert "Complaints are not acknowledged at all" in out
    assert "Nobody owns customer experience" in out
    silent = _write(tmp_path, "complaints:\n  free_of_charge: true\nownership:\n  governance: {}\n")
    out = cli("check", silent, "--no-color", "--fail-on", "low", "--show-missing").output
    # each missing fact is one question, headed by its path
    assert "\n    complaints.acknowledge_within  " in out
    assert "\n    ownership.cx_owner.name  " in out
