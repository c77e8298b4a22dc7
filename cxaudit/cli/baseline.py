"""`cxaudit baseline create`: record today's findings so that CI fails only on new ones."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from cxaudit.cli.common import fail, parse_date, path_text, settings_of

baseline_app = typer.Typer(help="Record today's findings so that CI fails only on new ones.",
                           no_args_is_help=True, rich_markup_mode=None)


@baseline_app.command("create")
def baseline_create(
    paths: List[Path] = typer.Argument(..., help="Process files or directories of them."),
    output: Path = typer.Option(Path(".cxaudit-baseline.json"), "--output", "-o",
                                metavar="FILE", help="Where to write the baseline ('-': stdout)."),
    rules: List[Path] = typer.Option([], "--rules", "-r",
                                     help="Extra rule pack directory (repeatable)."),
    no_builtin: bool = typer.Option(False, "--no-builtin-rules",
                                    help="Run only the packs given with --rules."),
    as_of: Optional[str] = typer.Option(None, "--as-of", metavar="YYYY-MM-DD",
                                        help="As for `check`."),
    legal_data: Optional[Path] = typer.Option(None, "--legal-data", metavar="DIR",
                                              help="As for `check`."),
    config: Optional[Path] = typer.Option(None, "--config", metavar="FILE",
                                          help="Settings file; default: the nearest one."),
    no_config: bool = typer.Option(False, "--no-config", help="Read no settings file."),
) -> None:
    """Write the fingerprints of today's findings (rule, file, document path; not lines).

    `cxaudit check --baseline FILE` then shows those findings as baselined and fails only on new
    ones. File names are stored relative to the baseline's directory; entries are sorted.
    """
    from cxaudit.api import Options, baseline_text
    from cxaudit.cli.writing import refuse_inputs, run_inputs, write_report
    from cxaudit.errors import CxauditError
    from cxaudit.policy.config import CommandLine
    from cxaudit.terminal import clean

    target = None if str(output) == "-" else output
    try:
        settings = settings_of(config, no_config, CommandLine(
            rule_dirs=tuple(str(r) for r in rules), builtin_rules=not no_builtin,
            legal_data=path_text(legal_data), no_waivers=True, no_baseline=True))
        refuse_inputs([output], run_inputs(paths, settings))
        settings["language"] = "en"  # a baseline is for machines: the same bytes in any language
        text = baseline_text(paths, str(target or "-"), Options(**settings, as_of=parse_date(as_of)))
        if target is None:
            sys.stdout.write(text)
            return
        write_report(target, text, "baseline")
    except CxauditError as exc:
        fail(exc)
    count = text.count('"fingerprint":')
    typer.echo(f"wrote {count} finding(s) to {clean(str(target))}", err=True)
