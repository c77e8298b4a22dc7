"""`cxaudit diff OLD NEW`: did a change to a process description make the service worse?"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from cxaudit.cli.common import (
    configuration_of,
    fail,
    lang_option,
    language_of,
    named_outputs,
    parse_date,
    path_text,
    settings_of,
)
from cxaudit.cli.support import notices


def diff_cmd(
    old: str = typer.Argument(..., metavar="OLD", help="The process before the change: a file, "
                              "or REV:path read from git (e.g. origin/main:process.yaml)."),
    new: str = typer.Argument(..., metavar="NEW", help="The process after the change: a file "
                              "or REV:path."),
    fmt: List[str] = typer.Option([], "--format", "-f", metavar="FORMAT[=FILE]",
                                  help="Output format: text (default), md or json; FORMAT=FILE "
                                  "writes it to FILE. Repeatable."),
    output: List[Path] = typer.Option([], "--output", "-o",
                                      help="Write a report to FILE; its extension (.md, .json, "
                                      ".txt) says which --format."),
    strict: bool = typer.Option(False, "--strict", help="Unknown classification values are "
                                "errors (exit 2); default: the config's."),
    fail_on_regression: str = typer.Option("low", "--fail-on-regression", metavar="SEVERITY",
                                           help="Lowest regression severity that fails the run: "
                                           "critical, high, medium, low (any regression, the "
                                           "default) or none."),
    as_of: Optional[str] = typer.Option(None, "--as-of", metavar="YYYY-MM-DD",
                                        help="Date both sides' worst-case waits and audits "
                                        "count from; default: NEW's process.updated."),
    rules: List[Path] = typer.Option([], "--rules", "-r",
                                     help="Extra rule pack directory for the audits."),
    no_builtin: bool = typer.Option(False, "--no-builtin-rules",
                                    help="Audit only with the packs given with --rules."),
    legal_data: Optional[Path] = typer.Option(None, "--legal-data", metavar="DIR",
                                              help="As for `check`."),
    max_file_size: int = typer.Option(1_048_576, "--max-file-size", min=1,
                                      help="Refuse process files larger than this many bytes."),
    template_dir: Optional[Path] = typer.Option(None, "--template-dir", metavar="DIR",
                                                help="Templates overriding reports/diff.md.j2."),
    md_limit: int = typer.Option(65_536, "--md-limit", metavar="CHARS", min=0,
                                 help="Shorten the Markdown diff to this many characters "
                                 "(default: GitHub's comment limit; 0: never shorten)."),
    config: Optional[Path] = typer.Option(None, "--config", metavar="FILE",
                                          help="Settings file whose rule packs, enabled rules, "
                                          "severities and params the audits use; default: the "
                                          "nearest one."),
    no_config: bool = typer.Option(False, "--no-config", help="Read no settings file."),
    lang: Optional[str] = lang_option(),
) -> None:
    """Compare two process descriptions: did the change make the service worse?

    Every field is judged by its declared direction (a longer target or a shorter return window
    is a regression), worst-case waits are compared with one as-of date, and both sides are
    audited to list findings introduced and resolved. Exit codes: 0 no regression at or above
    --fail-on-regression, 1 regressions, 2 usage or input error, 3 internal error.
    """
    from cxaudit.cli.outputs import plan
    from cxaudit.cli.writing import refuse_inputs, run_inputs, write_report
    from cxaudit.diff import DiffOptions, diff
    from cxaudit.diff.render import FORMATS as DIFF_FORMATS
    from cxaudit.diff.render import render as render_diff
    from cxaudit.document.loading import Limits
    from cxaudit.errors import CxauditError, UsageError
    from cxaudit.i18n import _, speaking
    from cxaudit.policy.config import CommandLine

    try:
        cfg = configuration_of(config, no_config)
        language = language_of(lang, cfg=cfg)
    except CxauditError as exc:
        fail(exc)
    with speaking(language):
        try:
            if template_dir is not None and not template_dir.is_dir():
                raise UsageError.at(str(template_dir), 0, 0, _("no such template directory"),
                                    _("pass a directory holding diff.md.j2"))
            settings = settings_of(config, no_config, CommandLine(
                rule_dirs=tuple(str(r) for r in rules), builtin_rules=not no_builtin,
                legal_data=path_text(legal_data), strict=strict, language=language), cfg)
            refuse_inputs(named_outputs(fmt, output),
                          run_inputs([s for s in (old, new) if Path(s).exists()], settings,
                                     template_dir))
            targets = plan(fmt, output, DIFF_FORMATS)
            result = diff(old, new, DiffOptions(
                fail_on_regression=fail_on_regression, as_of=parse_date(as_of),
                rule_dirs=settings["rule_dirs"], builtin_rules=settings["builtin_rules"],
                legal_data=settings["legal_data"], config=settings["config"],
                limits=Limits(max_bytes=max_file_size), strict=settings["strict"],
                language=language))
            notices(result.warnings)
            for t in targets:
                text = render_diff(t.fmt, result, path_text(template_dir), md_limit)
                if t.path is None:
                    sys.stdout.write(text)
                    continue
                write_report(t.path, text)
        except CxauditError as exc:
            fail(exc)
        raise typer.Exit(result.exit_code)
