"""The Jinja2 environment for human-readable reports: strict undefined, optional overrides."""

from __future__ import annotations

from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateSyntaxError,
    UndefinedError,
)

from cxaudit import resources
from cxaudit.errors import UsageError


def environment(template_dir: str | None = None, *, autoescape: bool) -> Environment:
    """Templates from `template_dir` first (for branding), then the built-in `reports/`."""
    loaders = [FileSystemLoader(str(resources.reports_dir()))]
    if template_dir:
        loaders.insert(0, FileSystemLoader(template_dir))
    return Environment(loader=ChoiceLoader(loaders), undefined=StrictUndefined,
                       autoescape=autoescape, keep_trailing_newline=True,
                       trim_blocks=False, lstrip_blocks=False)


def render_template(env: Environment, name: str, view: dict[str, Any]) -> str:
    """Render `name` with `view`; a broken (custom) template is a usage error, not a traceback."""
    try:
        return env.get_template(name).render(**view)
    except TemplateSyntaxError as exc:
        raise UsageError.at(exc.filename or name, exc.lineno or 0, 0,
                            f"template syntax error: {exc.message}",
                            "fix the template, or remove it to use the built-in one") from None
    except UndefinedError as exc:
        raise UsageError.at(name, 0, 0, f"template uses an unknown field: {exc.message}",
                            "see the report view model in the README (Custom templates)") from None
    except TemplateError as exc:
        raise UsageError.at(name, 0, 0, f"template error: {exc.message}",
                            "fix the template, or remove it to use the built-in one") from None
