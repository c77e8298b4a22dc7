"""Golden reports for every bundled example: same input, same bytes.

Regenerate on purpose with `pytest tests/test_golden.py --update-golden` and review the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EXAMPLES, GOLDEN, ROOT

from cxaudit.api import Options, audit
from cxaudit.i18n import speaking
from cxaudit.report import RENDERERS, render

CASES = sorted(p for p in EXAMPLES.glob("*.yaml")) + [EXAMPLES / "units"]
SUFFIX = {"text": "txt", "md": "md", "json": "json", "html": "html",
          "sarif": "sarif", "junit": "junit.xml", "github": "github.txt",
          "gitlab": "codequality.json"}


# Reports in Ukrainian and Russian: every human format for two examples (a Ukrainian shop with
# many findings and a legal row, and a SaaS desk with notes and missing facts).
LANGUAGE_CASES = [EXAMPLES / "weak-small-shop.yaml", EXAMPLES / "b2b-saas-desk.yaml"]
HUMAN = ("text", "md", "html")


def _rendered(example: Path, fmt: str, lang: str = "en") -> str:
    rel = example.relative_to(ROOT)
    import os

    cwd = os.getcwd()
    os.chdir(ROOT)  # reports show paths as the user typed them: relative to the repo
    try:
        with speaking(lang):
            return render(fmt, audit([str(rel)], Options(language=lang)))
    finally:
        os.chdir(cwd)


def test_collector_found_examples() -> None:
    assert len(CASES) >= 4


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
@pytest.mark.parametrize("example", CASES, ids=lambda p: p.stem)
def test_golden(example: Path, fmt: str, update_golden: bool) -> None:
    text = _rendered(example, fmt)
    assert text == _rendered(example, fmt), "output must not change between runs"
    golden = GOLDEN / f"{example.stem}.{SUFFIX[fmt]}"
    if update_golden:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden.name}; run pytest --update-golden"
    assert text == golden.read_text(encoding="utf-8"), (
        f"{golden.name} differs; if the change is intended run pytest --update-golden "
        "and review the diff")


@pytest.mark.parametrize("lang", ["uk", "ru"])
@pytest.mark.parametrize("fmt", HUMAN)
@pytest.mark.parametrize("example", LANGUAGE_CASES, ids=lambda p: p.stem)
def test_golden_in_other_languages(example: Path, fmt: str, lang: str,
                                   update_golden: bool) -> None:
    text = _rendered(example, fmt, lang)
    assert text == _rendered(example, fmt, lang), "output must not change between runs"
    golden = GOLDEN / lang / f"{example.stem}.{SUFFIX[fmt]}"
    if update_golden:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"no golden file {lang}/{golden.name}; run pytest --update-golden"
    assert text == golden.read_text(encoding="utf-8"), (
        f"{lang}/{golden.name} differs; if the change is intended run pytest --update-golden "
        "and review the diff")
