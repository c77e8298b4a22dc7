"""Print a page to PDF in headless Chromium, as a reader's "Save as PDF" does, and count pages."""

from __future__ import annotations

import base64
import re

from cdp import Browser

A4 = (8.27, 11.69)  # inches
_PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")


def print_pdf(browser: Browser, url: str) -> bytes:
    """`url` printed on A4 paper with the page's own print stylesheet."""
    browser.navigate(url)
    reply = browser.send("Page.printToPDF", {
        "paperWidth": A4[0], "paperHeight": A4[1], "preferCSSPageSize": True,
        "printBackground": False, "displayHeaderFooter": False})
    return base64.b64decode(reply["data"])


def page_count(pdf: bytes) -> int:
    """The number of page objects in a PDF Chromium wrote (its page objects are not packed
    into compressed object streams)."""
    assert pdf.startswith(b"%PDF-"), "not a PDF"
    return len(_PAGE.findall(pdf))
