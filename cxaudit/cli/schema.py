"""`cxaudit schema`: print a JSON Schema, for editors and validators."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from cxaudit.cli.common import fail


def schema(
    which: str = typer.Argument("process", help="process (the cxaudit/v1 vocabulary), rule, "
                                "report (the JSON report), config (.cxaudit.yaml), waivers, "
                                "diff (the JSON diff) or translation (a rule pack's "
                                "i18n/LANG.yaml)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE",
                                          help="Write the schema to FILE (replaced "
                                          "atomically) instead of printing it."),
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
    if output is None:
        sys.stdout.write(resources.schema_text(names[which]))
        return
    from cxaudit.cli.writing import write_report
    from cxaudit.errors import CxauditError

    try:
        write_report(output, resources.schema_text(names[which]), "schema")
    except CxauditError as exc:
        fail(exc)
