"""The HTML report in a real browser: headless Chromium, driven over the DevTools pipe.

Every bundled example is rendered with the CLI and opened at desktop (1280 px) and phone (390 px)
width. The page must raise no console error or exception, request nothing but itself, and fit a
phone's width without sideways scrolling. Full-page screenshots land in tests/artifacts/screenshots
for a person to review. Skips only when Chromium is not installed (`.ci/run` installs Debian's
`chromium` package when it can).
"""

from __future__ import annotations

import base64
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


@pytest.fixture(scope="module")
def portfolios(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The seven bundled examples (two folders) and 300 generated units, as HTML."""
    from portfolio_units import generate

    out = tmp_path_factory.mktemp("portfolio")
    big = generate(out / "units", 300)
    paths = {}
    for name, source in (("7-units", "examples"), ("300-units", str(big))):
        target = out / f"{name}.html"
        proc = run_cxaudit("check", source, "-f", "html", "-o", target)
        assert proc.returncode == 1, proc.stderr
        paths[name] = target
    return paths


STICKY = """(() => {
  const box = document.querySelector('%s').closest('.matrix-box');
  const head = box.querySelector('thead th');
  const first = box.querySelector('tbody th');
  box.scrollTop = 400; box.scrollLeft = 300;
  const b = box.getBoundingClientRect(), h = head.getBoundingClientRect(),
        f = first.getBoundingClientRect();
  return {position: getComputedStyle(head).position, overflow: getComputedStyle(box).overflowY,
          headTop: Math.round(h.top - b.top), firstLeft: Math.round(f.left - b.left),
          scrolled: box.scrollTop > 0 || box.scrollHeight <= box.clientHeight};
})()"""


@pytest.mark.parametrize("name", ["7-units", "300-units"])
def test_portfolio_in_chromium(browser: Browser, portfolios: dict[str, Path], name: str) -> None:
    """Sticky headers, matrices scrolling in their boxes, units folded, nothing sideways."""
    page = portfolios[name]
    assert page.stat().st_size < 5_000_000
    url = page.as_uri()
    SHOTS.mkdir(parents=True, exist_ok=True)
    for screen, (width, height, mobile) in SCREENS.items():
        browser.viewport(width, height, mobile)
        browser.navigate(url)
        assert browser.problems() == [], f"{screen}: console errors or exceptions"
        others = [u for u in browser.requests() if u != url and not u.startswith("data:")]
        assert others == [], f"{screen}: the page loaded other resources"
        facts = browser.evaluate(
            "({scroll: document.documentElement.scrollWidth,"
            " folded: [...document.querySelectorAll('details.unit-fold')].filter(d => !d.open)"
            ".length, units: document.querySelectorAll('details.unit-fold').length})")
        assert facts["scroll"] <= width, f"{screen}: {facts['scroll']} px wide, sideways scroll"
        assert facts["folded"] == facts["units"] == int(name.split("-", maxsplit=1)[0])
        for table in (".overview", ".matrix"):
            sticky = browser.evaluate(STICKY % table)
            assert sticky["position"] == "sticky" and sticky["overflow"] == "auto", sticky
            assert sticky["scrolled"] and sticky["headTop"] <= 1, f"{screen} {table}: {sticky}"
            assert sticky["firstLeft"] <= 1, f"{screen} {table}: the first column scrolled away"
        browser.send("Emulation.setEmulatedMedia", {"media": "print"})
        printed = browser.evaluate("document.getElementById('unit-2-plan')"
                                   ".getBoundingClientRect().height")
        browser.send("Emulation.setEmulatedMedia", {"media": ""})
        assert printed > 100, f"{screen}: a folded unit is not printed"
        browser.navigate("about:blank")  # so the next one loads the page, not only scrolls it
        browser.navigate(url + "#unit-3-summary")  # a link to a unit opens it
        assert browser.evaluate("document.getElementById('unit-3').open") is True
        shot = SHOTS / f"portfolio-{name}-{screen}.png"
        data = browser.send("Page.captureScreenshot", {"format": "png"})["data"]
        shot.write_bytes(base64.b64decode(data))
        png_w, _, shades = png_facts(shot.read_bytes())
        assert png_w == width and shades > 16, f"{shot.name} looks blank"
