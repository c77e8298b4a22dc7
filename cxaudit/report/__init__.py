"""Renderers: one module per format, one signature, one name -> renderer map."""

from __future__ import annotations

from typing import Callable

from cxaudit.api import AuditResult

Renderer = Callable[[AuditResult], str]


def _text(result: AuditResult) -> str:
    from cxaudit.report import text
    return text.render(result)


def _markdown(result: AuditResult) -> str:
    from cxaudit.report import markdown
    return markdown.render(result)


def _json(result: AuditResult) -> str:
    from cxaudit.report import json_report
    return json_report.render(result)


RENDERERS: dict[str, Renderer] = {"json": _json, "md": _markdown, "text": _text}
ALIASES = {"markdown": "md", "terminal": "text", "txt": "text"}


def renderer(name: str) -> Renderer:
    """The renderer for a format name; KeyError for unknown names."""
    return RENDERERS[ALIASES.get(name, name)]
