"""Renderers: one module per format, one signature, one name -> renderer map.

Every renderer takes the result model and the render options and returns the whole report as a
string; the CLI decides where it goes. Modules are imported on first use so that a run which
writes only JSON never pays for Jinja2. Also owns the listings of rules (`ruledocs`) and the
escaping of user text for Markdown (`mdsafe`). May import `cxaudit.result` and below; never
the API, the diff or the CLI.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from cxaudit.result import AuditResult


@dataclass(frozen=True)
class RenderOptions:
    """How to render: template overrides (branding), terminal colour, Markdown size limit."""

    template_dir: str | None = None
    color: bool = False
    md_limit: int = 65_536  # characters; GitHub's limit for a comment; 0 = no limit


Renderer = Callable[[AuditResult, RenderOptions], str]


def _text(result: AuditResult, opts: RenderOptions) -> str:
    from cxaudit.report import text
    return text.render(result, color=opts.color)


def _markdown(result: AuditResult, opts: RenderOptions) -> str:
    from cxaudit.report import markdown
    return markdown.render(result, opts.template_dir, opts.md_limit)


def _html(result: AuditResult, opts: RenderOptions) -> str:
    from cxaudit.report import html_report as html
    return html.render(result, opts.template_dir)


def _json(result: AuditResult, opts: RenderOptions) -> str:
    from cxaudit.report import json_report
    return json_report.render(result)


def _sarif(result: AuditResult, opts: RenderOptions) -> str:
    from cxaudit.report import sarif
    return sarif.render(result)


def _junit(result: AuditResult, opts: RenderOptions) -> str:
    from cxaudit.report import junit
    return junit.render(result)


RENDERERS: dict[str, Renderer] = {"html": _html, "json": _json, "junit": _junit,
                                  "md": _markdown, "sarif": _sarif, "text": _text}
ALIASES = {"markdown": "md", "terminal": "text", "txt": "text"}


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
        return json_report.chunks(result)
    return (RENDERERS[name](result, opts),)
