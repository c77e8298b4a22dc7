"""Templates from --template-dir render in a sandbox, read only from the template directories,
and cannot run commands, read files, create files or exhaust memory (check and diff)."""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, GOLDEN, ROOT

from cxaudit.report import templates

HOSTILE = Path(__file__).resolve().parent / "data" / "regressions" / "safety-templates"
SHOP = EXAMPLES / "online-shop.yaml"
BASE = Path(__file__).resolve().parent / "data" / "diff" / "base.yaml"
TARGETS = {  # the template each command and format renders, and the command line
    "check md": ("report.md.j2", ["check", SHOP, "-f", "md"]),
    "check html": ("report.html.j2", ["check", SHOP, "-f", "html"]),
    "diff md": ("diff.md.j2", ["diff", BASE, BASE, "-f", "md"]),
}


def _secrets() -> list[str]:
    found = [os.environ.get("HOME", "")]
    with contextlib.suppress(OSError):
        found.append(Path("/etc/hostname").read_text(encoding="utf-8").strip())
    return [s for s in found if len(s) > 1]


@pytest.mark.parametrize("target", list(TARGETS))
@pytest.mark.parametrize("hostile", sorted(p.name for p in HOSTILE.glob("*.j2")))
def test_a_hostile_template_is_refused_and_leaves_no_trace(
        cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hostile: str,
        target: str) -> None:
    monkeypatch.setattr(templates, "RENDER_SECONDS", 0.5)  # endless-loops.j2 would take hours
    name, args = TARGETS[target]
    brand, work = tmp_path / "brand", tmp_path / "work"
    brand.mkdir()
    work.mkdir()
    shutil.copy(HOSTILE / hostile, brand / name)
    (brand / "escape.j2").symlink_to("/etc/hostname")
    monkeypatch.chdir(work)
    r = cli(*args, "--no-config", "--template-dir", brand)
    assert r.exit_code == 2, r.output
    assert f"{brand / name}:1:" in r.stderr
    assert "template refused" in r.stderr or "'lipsum' is undefined" in r.stderr
    assert "Traceback" not in r.output
    assert sorted(p.name for p in work.iterdir()) == []
    assert sorted(p.name for p in brand.iterdir()) == sorted([name, "escape.j2"])
    for secret in _secrets():
        assert secret not in r.stdout
    assert not Path("/tmp/pwned-by-template").exists()


def test_an_endless_template_is_stopped_with_a_hint(cli: Any, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(templates, "RENDER_SECONDS", 0.5)
    shutil.copy(HOSTILE / "endless-loops.j2", tmp_path / "report.md.j2")
    r = cli("check", SHOP, "--no-config", "-f", "md", "--template-dir", tmp_path)
    assert r.exit_code == 2
    assert r.stderr == (f"{tmp_path / 'report.md.j2'}:1:0: template refused: rendering took "
                        "longer than 0.5 s\n  hint: a loop in the template runs too long "
                        "(nested loops over large ranges?); simplify it\n")


def test_the_bundled_templates_have_no_time_limit() -> None:
    assert templates.environment(None, autoescape=True).render_seconds is None
    assert templates.environment("brand", autoescape=True).render_seconds == 60


def test_the_refusal_says_what_to_do(cli: Any, tmp_path: Path) -> None:
    shutil.copy(HOSTILE / "shell-system.j2", tmp_path / "report.md.j2")
    r = cli("check", SHOP, "--no-config", "-f", "md", "--template-dir", tmp_path)
    assert r.stderr == (
        f"{tmp_path / 'report.md.j2'}:1:0: template refused: access to attribute '__init__' of "
        "'type' object is unsafe.\n  hint: templates run in a sandbox: they can place the "
        "report's values (see README.md, Branding), not reach Python, files or the system\n")


def test_includes_inside_the_template_directory_work(cli: Any, tmp_path: Path) -> None:
    (tmp_path / "parts").mkdir()
    (tmp_path / "parts" / "title.j2").write_text("ACME audit of {{ units[0].name }}",
                                                 encoding="utf-8")
    (tmp_path / "alias.j2").symlink_to(tmp_path / "parts" / "title.j2")
    (tmp_path / "report.md.j2").write_text("{% include 'parts/title.j2' %} / "
                                           "{% include 'alias.j2' %}\n", encoding="utf-8")
    r = cli("check", SHOP, "--no-config", "-f", "md", "--template-dir", tmp_path)
    assert r.stdout == "ACME audit of Tundra Outdoor - online shop DE/AT / " \
                       "ACME audit of Tundra Outdoor - online shop DE/AT\n"


def test_a_fifo_or_an_oversized_template_is_refused_at_once(cli: Any, tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "report.md.j2")
    r = cli("check", SHOP, "--no-config", "-f", "md", "--template-dir", tmp_path)
    assert r.exit_code == 2 and "template 'report.md.j2' is not a regular file" in r.stderr
    (tmp_path / "report.md.j2").unlink()
    (tmp_path / "report.md.j2").write_text("x" * 1_048_577, encoding="utf-8")
    r = cli("check", SHOP, "--no-config", "-f", "md", "--template-dir", tmp_path)
    assert r.exit_code == 2 and "1,048,577 bytes, over the limit" in r.stderr


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_bundled_templates_still_give_the_goldens(cli: Any, fmt: str,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the goldens show paths relative to the repository
    r = cli("check", "examples/online-shop.yaml", "--no-config", "-f", fmt)
    assert r.stdout == (GOLDEN / f"online-shop.{fmt}").read_text(encoding="utf-8")


def test_an_empty_template_directory_gives_the_bundled_report(cli: Any, tmp_path: Path) -> None:
    plain = cli("check", SHOP, "--no-config", "-f", "html")
    branded = cli("check", SHOP, "--no-config", "-f", "html", "--template-dir", tmp_path)
    assert branded.stdout == plain.stdout
