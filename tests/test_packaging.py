"""The wheel ships the rules and templates and works from outside the repository."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--no-build-isolation", "-w", str(out), str(ROOT)], check=True, timeout=300)
    return next(out.glob("cxaudit-*.whl"))


@pytest.mark.slow
def test_wheel_contains_rules_templates_and_schemas(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "cxaudit/_bundled/rules/core/RESP-001.yaml" in names
    assert "cxaudit/_bundled/reports/report.md.j2" in names
    assert "cxaudit/schema/process.schema.json" in names
    assert "cxaudit/_bundled/rules/data/seeds.yaml" in names
    assert "cxaudit/locales/uk/LC_MESSAGES/cxaudit.po" in names
    assert "cxaudit/locales/ru/LC_MESSAGES/cxaudit.po" in names
    assert "cxaudit/_bundled/rules/core/i18n/uk.yaml" in names
    assert "cxaudit/schema/translation.schema.json" in names
    assert "cxaudit/_bundled/examples/online-shop.yaml" in names
    assert "cxaudit/_bundled/examples/units/online.yaml" in names
    assert "cxaudit/init/questions.yaml" in names
    assert "cxaudit/init/templates/bank.yaml" in names


@pytest.mark.slow
def test_installed_wheel_runs_outside_the_repo(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    bindir = venv / ("Scripts" if sys.platform == "win32" else "bin")
    subprocess.run([str(bindir / "python"), "-m", "pip", "install", "--quiet", "--no-deps",
                    "--no-index", str(wheel)], check=True, timeout=300)
    # Dependencies come from the test environment, so the test needs no network.
    site = subprocess.run([str(bindir / "python"), "-c",
                           "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    (Path(site) / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    where = subprocess.run([str(bindir / "python"), "-c", "import cxaudit; print(cxaudit.__file__)"],
                           capture_output=True, text=True, cwd=tmp_path, check=True).stdout
    assert where.startswith(str(venv)), where
    example = ROOT / "examples" / "online-shop.yaml"
    done = subprocess.run([str(bindir / "cxaudit"), "check", str(example)], capture_output=True,
                          text=True, cwd=tmp_path, timeout=120)
    assert done.returncode == 1, done.stderr
    assert "RESP-004" in done.stdout or "RESP-011" in done.stdout or "Score" in done.stdout
    # the catalogs and rule translations ship in the wheel and are read from it
    uk = subprocess.run([str(bindir / "cxaudit"), "check", str(example), "--lang", "uk"],
                        capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert uk.returncode == 1, uk.stderr
    assert "Насамперед" in uk.stdout or "Наступним кроком" in uk.stdout, uk.stdout
    assert "Зрілість: етап" in uk.stdout and "Score" not in uk.stdout
    shown = subprocess.run([str(bindir / "cxaudit"), "rules", "show", "RET-001", "--lang", "ru"],
                           capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert "Почему это важно:" in shown.stdout, shown.stderr
    version = subprocess.run([str(bindir / "cxaudit"), "--version"], capture_output=True, text=True,
                             cwd=tmp_path, timeout=60)
    assert version.stdout.startswith("cxaudit ")


@pytest.mark.slow
def test_examples_and_init_work_from_the_wheel_in_an_empty_directory(wheel: Path,
                                                                     tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    bindir = venv / ("Scripts" if sys.platform == "win32" else "bin")
    subprocess.run([str(bindir / "python"), "-m", "pip", "install", "--quiet", "--no-deps",
                    "--no-index", str(wheel)], check=True, timeout=300)
    site = subprocess.run([str(bindir / "python"), "-c",
                           "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    (Path(site) / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    empty = tmp_path / "empty"
    empty.mkdir()
    cx = str(bindir / "cxaudit")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([cx, *args], capture_output=True, text=True, cwd=empty,
                              timeout=120)

    # the README's promise: copy an example into an empty directory and audit it
    copied = subprocess.run(f"{cx} examples copy online-shop . && {cx} check online-shop.yaml",
                            shell=True, capture_output=True, text=True, cwd=empty, timeout=120)
    assert copied.returncode == 1, copied.stderr  # the example has high findings
    assert "Tundra Outdoor" in copied.stdout and "Score " in copied.stdout
    assert (empty / "cxaudit.schema.json").is_file()
    assert "online-shop" in run("examples", "list").stdout
    made = run("init", "--template", "hotel", "--no-input", "-o", "hotel.yaml")
    assert made.returncode == 0, made.stderr
    assert run("check", "hotel.yaml").returncode in (0, 1)
