"""The HTML report in a real browser: headless Chromium, driven over the DevTools pipe.

Every bundled example is rendered with the CLI and opened at desktop (1280 px) and phone (390 px)
width. The page must raise no console error or exception, request nothing but itself, and fit a
phone's width without sideways scrolling. Full-page screenshots land in tests/artifacts/screenshots
for a person to review. Skips only when Chromium is not installed (`.ci/run` installs Debian's
`chromium` package when it can).
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from cdp import Browser, find_chromium
from conftest import EXAMPLES, run_cxaudit

pytestmark = pytest.mark.slow

CASES = sorted(EXAMPLES.glob("*.yaml")) + [EXAMPLES / "units"]
SHOTS = Path(__file__).resolve().parent / "artifacts" / "screenshots"
SCREENS = {"desktop": (1280, 800, False), "phone": (390, 844, True)}


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    exe = find_chromium()
    if exe is None:
        pytest.skip("chromium is not installed, so the HTML report was not opened in a browser; "
                    "install Debian's package (apt-get install chromium) or run .ci/run as root")
    b = Browser(exe, timeout=20)
    yield b
    b.close()


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("html")
    paths = {}
    for case in CASES:
        target = out / f"{case.stem}.html"
        proc = run_cxaudit("check", case.relative_to(EXAMPLES.parent), "-f", "html", "-o",
                           target)
        assert proc.returncode in (0, 1), proc.stderr
        paths[case.stem] = target
    return paths


def png_facts(data: bytes) -> tuple[int, int, int]:
    """Width, height and the number of distinct byte values in the decoded pixel rows."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width, height = 8, b"", 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    return width, height, len(set(raw[::101]))


def test_the_checks_can_fail(browser: Browser, tmp_path: Path) -> None:
    """A page that logs an error, throws and loads an image is caught on all three counts."""
    page = tmp_path / "bad.html"
    page.write_text("<!DOCTYPE html><title>bad</title><img src='http://127.0.0.1:9/x.png'>"
                    "<script>console.error('boom'); throw new Error('thrown');</script>",
                    encoding="utf-8")
    browser.viewport(390, 844, True)
    browser.navigate(page.as_uri())
    problems = " ".join(browser.problems())
    assert "boom" in problems and "thrown" in problems
    assert "http://127.0.0.1:9/x.png" in browser.requests()


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_example_in_chromium(browser: Browser, reports: dict[str, Path], case: Path) -> None:
    url = reports[case.stem].as_uri()
    SHOTS.mkdir(parents=True, exist_ok=True)
    for screen, (width, height, mobile) in SCREENS.items():
        browser.viewport(width, height, mobile)
        browser.navigate(url)
        assert browser.problems() == [], f"{screen}: console errors or exceptions"
        others = [u for u in browser.requests() if u != url and not u.startswith("data:")]
        assert others == [], f"{screen}: the page loaded other resources"
        facts = browser.evaluate(
            "({title: document.title, svgs: document.querySelectorAll('svg').length,"
            " scroll: document.documentElement.scrollWidth,"
            " bars: document.querySelector('svg rect.bar') ? 1 : 0})")
        assert facts["title"].startswith("Customer service audit")
        assert facts["svgs"] >= 1 and facts["bars"] == 1
        assert facts["scroll"] <= width, f"{screen}: {facts['scroll']} px wide, sideways scroll"
        shot = SHOTS / f"{case.stem}-{screen}.png"
        png_w, png_h, shades = png_facts(browser.screenshot(shot))
        assert png_w == width and png_h > height, f"{shot.name} is {png_w}x{png_h}"
        assert shades > 16, f"{shot.name} looks blank"
