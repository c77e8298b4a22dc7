"""Sources in reports: by title and who published them, never by file name, never a staging URL."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLES, ROOT

from cxaudit.api import Options, audit
from cxaudit.report import RenderOptions, render
from cxaudit.report.seeds import public_url, site

SEED_FILE = re.compile(r"\d{3}_[0-9a-f]{16}\.txt|\bS\d{3}\.\d+\b")


@pytest.mark.parametrize("fmt", ["html", "md", "json", "sarif", "text"])
def test_no_report_names_a_seed_by_its_file_or_passage_id(fmt: str) -> None:
    result = audit([str(EXAMPLES)], Options())
    text = render(fmt, result, RenderOptions(md_limit=0))
    assert SEED_FILE.search(text) is None, SEED_FILE.search(text)
    assert "blogstg" not in text and "shop.example" not in text


def test_a_seed_is_cited_by_its_title_language_and_year() -> None:
    html = render("html", audit([str(EXAMPLES / "weak-small-shop.yaml")], Options()),
                  RenderOptions())
    assert ("“You don&#39;t have to love the client, but you must respect them: travel notes on "
            "customer experience” (article in Russian, 2020): a client waiting more than a day "
            "for an answer is the failure the author singles out") in html
    # other sources: their title (which names the author) and the site that publishes them
    assert ">Directive 2011/83/EU (Consumer Rights Directive), Art. 9 and 10 — "\
        "eur-lex.europa.eu</a>" in html


@pytest.mark.parametrize(("url", "public"), [
    ("https://hbr.org/2014/10/the-value", True),
    ("http://itilfoundations.com/processes/", True),
    ("http://blogstg2017.spoken.com/consumer-expectations/", False),
    ("https://staging.example.org/page", False),
    ("https://preview.acme.com/", False),
    ("http://localhost:8000/report", False),
    ("https://shop.example/accessibility", False),
    ("https://10.0.0.7/doc", False),
    ("javascript:alert(1)", False),
    ("ftp://files.acme.com/", False),
])
def test_public_url(url: str, public: bool) -> None:
    assert bool(public_url(url)) is public
    assert site("https://www.iso.org/standard/71580.html") == "iso.org"


def test_every_built_in_source_address_is_public() -> None:
    for path in sorted(Path(ROOT, "rules", "core").glob("*.yaml")):
        for source in yaml.safe_load(path.read_text(encoding="utf-8")).get("source") or []:
            if source.get("url"):
                assert public_url(source["url"]), f"{path.name}: {source['url']}"


def test_a_legal_row_on_a_staging_host_is_shown_without_its_link() -> None:
    import dataclasses

    result = audit([str(EXAMPLES / "weak-small-shop.yaml")], Options())
    unit = result.units[0]
    lead = next(f for f in unit.findings if f.legal is not None)
    moved = dataclasses.replace(lead, legal=dataclasses.replace(
        lead.legal, url="https://staging.zakon.example.org/laws/1023-12"))
    plan = unit.plan
    actions = tuple(dataclasses.replace(a, findings=tuple(moved if f is lead else f
                                                          for f in a.findings))
                    for a in plan.actions)
    assert moved in (f for a in actions for f in a.findings)
    unit = dataclasses.replace(unit, plan=dataclasses.replace(plan, actions=actions))
    result = dataclasses.replace(result, units=(unit,))
    for fmt in ("html", "md", "json"):
        text = render(fmt, result, RenderOptions(md_limit=0))
        assert "staging.zakon" not in text, fmt
