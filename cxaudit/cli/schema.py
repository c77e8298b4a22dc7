"""`cxaudit schema`: print a JSON Schema, for editors and validators."""

from __future__ import annotations

import sys

import typer


def schema(
    which: str = typer.Argument("process", help="process (the cxaudit/v1 vocabulary), rule, "
                                "report (the JSON report), config (.cxaudit.yaml), waivers, "
                                "diff (the JSON diff) or translation (a rule pack's "
                                "i18n/LANG.yaml)."),
) -> None:
    """Print a JSON Schema, for editors and validators."""
    from cxaudit import resources

    names = {"process": "process.schema.json", "rule": "rule.schema.json",
             "report": "report.schema.json", "config": "config.schema.json",
             "waivers": "waivers.schema.json", "diff": "diff.schema.json",
             "translation": "translation.schema.json"}
    if which not in names:
        typer.echo(f"unknown schema {which!r}; use one of: {', '.join(names)}", err=True)
        raise typer.Exit(2)
    sys.stdout.write(resources.schema_text(names[which]))
