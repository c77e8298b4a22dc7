"""`cxaudit schema`: print a JSON Schema, for editors and validators."""

from __future__ import annotations

import sys

import typer


def schema(
    which: str = typer.Argument("process", help="process (the cxaudit/v1 vocabulary), rule, "
                                "report (the JSON report), config (.cxaudit.yaml), waivers "
                                "or diff (the JSON diff)."),
) -> None:
    """Print a JSON Schema, for editors and validators."""
    from cxaudit import resources

    names = {"process": "process.schema.json", "rule": "rule.schema.json",
             "report": "report.schema.json", "config": "config.schema.json",
             "waivers": "waivers.schema.json", "diff": "diff.schema.json"}
    if which not in names:
        typer.echo(f"unknown schema {which!r}; use one of: {', '.join(names)}", err=True)
        raise typer.Exit(2)
    sys.stdout.write(resources.schema_text(names[which]))
