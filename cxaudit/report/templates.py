"""The Jinja2 environment for human-readable reports: strict undefined, optional overrides."""

from __future__ import annotations

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

from cxaudit import resources


def environment(template_dir: str | None = None, *, autoescape: bool) -> Environment:
    """Templates from `template_dir` first (for branding), then the built-in `reports/`."""
    loaders = [FileSystemLoader(str(resources.reports_dir()))]
    if template_dir:
        loaders.insert(0, FileSystemLoader(template_dir))
    return Environment(loader=ChoiceLoader(loaders), undefined=StrictUndefined,
                       autoescape=autoescape, keep_trailing_newline=True,
                       trim_blocks=False, lstrip_blocks=False)
