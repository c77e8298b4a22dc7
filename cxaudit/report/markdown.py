"""Markdown report rendered from `reports/report.md.j2`."""

from __future__ import annotations

from typing import Any

from cxaudit.api import AuditResult
from cxaudit.report.templates import environment, render_template
from cxaudit.report.view import audit_view


def _md(text: Any) -> str:
    """Escape what would break a Markdown table or start markup."""
    s = str(text).replace("\n", " ")
    for ch in ("\\", "|", "<", ">", "*", "_", "`", "[", "]"):
        s = s.replace(ch, "\\" + ch)
    return s


def _text(text: Any) -> str:
    """Our own prose (rule texts): keep its `code`, only neutralise HTML and table pipes."""
    return str(text).replace("\n", " ").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def _code(text: Any) -> str:
    """Inside a code span only backticks and table pipes need care."""
    return str(text).replace("`", "'").replace("|", "\\|")


def render(result: AuditResult, template_dir: str | None = None) -> str:
    """The audit as Markdown."""
    view = audit_view(result)
    for u in view["units"]:
        for i, a in enumerate(u["actions"], 1):
            a["number"] = i
    env = environment(template_dir, autoescape=False)
    env.filters["md"] = _md
    env.filters["code"] = _code
    env.filters["text"] = _text
    return render_template(env, "report.md.j2", view).strip() + "\n"
