"""Renderers: one module per format, one signature, one name -> renderer map.

Every renderer takes the result model and the render options and returns the whole report as a
string; the CLI decides where it goes. Modules are imported on first use so that a run which
writes only JSON never pays for Jinja2. Also owns what several renderers share: the portfolio
of a run with several units (`portfolio`), the progress block of a history as pages and text
draw it (`trend`, `progress_text`), the listings of rules (`ruledocs`) and the escaping of user
text for Markdown (`mdsafe`). May import `cxaudit.result` and below; never the API, the
history, the diff or the CLI.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from cxaudit.result import AuditResult


@dataclass(frozen=True)
class RenderOptions:
    """How to render: template overrides (branding), terminal colour, width and detail,
    Markdown size limit, whether SARIF lists missing facts, and the progress block from a
    history database (text, md, html and json show it)."""

    template_dir: str | None = None
    color: bool = False
    md_limit: int = 65_536  # characters; GitHub's limit for a comment; 0 = no limit
    sarif_needs_evidence: bool = False  # SARIF: needs-evidence results as notes (default: left out)
    show_missing: bool = False  # the text report lists every missing fact, not the top five
    progress: dict[str, Any] | None = None
    width: int | None = 100  # text: wrap at this many columns; None: one line per paragraph
    quiet: bool = False  # text: each unit's summary and failing actions only
    statistics: bool = False  # text: add the number of findings per rule


Renderer = Callable[[AuditResult, RenderOptions], str]


def _text(result: AuditResult, opts: RenderOptions) -> str:
    from cxaudit.report import text
    return text.render(result, color=opts.color, show_missing=opts.show_missing,
                       progress=opts.progress, width=opts.width, quiet=opts.quiet,
                       statistics=opts.statistics)


def _markdown(result: AuditResult, opts: RenderOptions) -> str:
    from cxaudit.report import markdown
    return markdown.render(result, opts.template_dir, opts.md_limit, opts.progress)


def _html(result: AuditResult, opts: RenderOptions) -> str:
    from cxaudit.report import html_report as html
    return html.render(result, opts.template_dir, opts.progress)


def _json(result: AuditResult, opts: RenderOptions) -> str:
    from cxaudit.report import json_report
    return json_report.render(result, opts.progress)


def _sarif(result: AuditResult, opts: RenderOptions) -> str:
    from cxaudit.report import sarif
    return sarif.render(result, opts.sarif_needs_evidence)


def _github(result: AuditResult, opts: RenderOptions) -> str:
    from cxaudit.report import github
    return github.render(result)


def _gitlab(result: AuditResult, opts: RenderOptions) -> str:
    from cxaudit.report import gitlab
    return gitlab.render(result)


def _junit(result: AuditResult, opts: RenderOptions) -> str:
    from cxaudit.report import junit
    return junit.render(result)


RENDERERS: dict[str, Renderer] = {"github": _github, "gitlab": _gitlab, "html": _html,
                                  "json": _json, "junit": _junit, "md": _markdown,
                                  "sarif": _sarif, "text": _text}
ALIASES = {"markdown": "md", "terminal": "text", "txt": "text", "codequality": "gitlab"}


def render(fmt: str, result: AuditResult, opts: RenderOptions = RenderOptions()) -> str:
    """Render `result` in format `fmt` (a name or alias); KeyError for unknown names."""
    return RENDERERS[ALIASES.get(fmt, fmt)](result, opts)


def render_chunks(fmt: str, result: AuditResult,
                  opts: RenderOptions = RenderOptions()) -> Iterable[str]:
    """The text of `render`, in pieces to write one after the other: JSON one unit at a time
    (a portfolio's report is never held whole), the other formats in one piece."""
    name = ALIASES.get(fmt, fmt)
    if name == "json":
        from cxaudit.report import json_report
        return json_report.chunks(result, opts.progress)
    return (RENDERERS[name](result, opts),)
