"""`cxaudit check`: audit process files and report the plan in every format asked for."""

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
    today,
)
from cxaudit.cli.recording import history_option, record_option
from cxaudit.cli.support import diagnostics, text_color, text_width


def check(
    paths: List[Path] = typer.Argument(..., help="Process files or directories of them; each "
                                       "file is audited as its own unit."),
    fmt: List[str] = typer.Option([], "--format", "-f", metavar="FORMAT[=FILE]",
                                  help="Output format: text (default), md, json, html, sarif, "
                                  "junit, github (Actions annotations) or gitlab (Code "
                                  "Quality); FORMAT=FILE writes it to FILE. Repeatable."),
    output: List[Path] = typer.Option([], "--output", "-o", help="Write a report to FILE, in "
                                      "the format its extension names (.sarif, "
                                      ".codequality.json, .json, .md...)."),
    strict: bool = typer.Option(False, "--strict", help="Unknown classification values are "
                                "errors (exit 2), not warnings; default: the config's."),
    exclude: List[str] = typer.Option([], "--exclude", metavar="GLOB", help="Skip paths "
                                      "matching GLOB (repeatable; adds to the config's)."),
    fail_on: Optional[str] = typer.Option(None, "--fail-on",
                                          help="Lowest severity that fails the run: critical, "
                                          "high, medium, low or none; default: the config's "
                                          "fail_on, else high."),
    rules: List[Path] = typer.Option([], "--rules", "-r",
                                     help="Extra rule pack directory (repeatable)."),
    as_of: Optional[str] = typer.Option(None, "--as-of", metavar="YYYY-MM-DD",
                                        help="Date time-relative checks count from (holidays "
                                        "of the next 12 months); default: process.updated."),
    no_builtin: bool = typer.Option(False, "--no-builtin-rules",
                                    help="Run only the packs given with --rules."),
    legal_data: Optional[Path] = typer.Option(None, "--legal-data", metavar="DIR",
                                              help="Legal tables to check against instead of "
                                              "the bundled rules/data/legal (to pin or patch "
                                              "them)."),
    config: Optional[Path] = typer.Option(None, "--config", metavar="FILE",
                                          help="Settings file (.cxaudit.yaml or pyproject.toml "
                                          "with [tool.cxaudit]); default: the nearest one from "
                                          "the current directory up."),
    no_config: bool = typer.Option(False, "--no-config", help="Read no settings file."),
    waivers: Optional[Path] = typer.Option(None, "--waivers", metavar="FILE",
                                           help="Waivers file; default: the config's waivers, "
                                           "else .cxaudit-waivers.yaml beside it."),
    no_waivers: bool = typer.Option(False, "--no-waivers",
                                    help="Ignore every waiver (an independent audit)."),
    baseline: Optional[Path] = typer.Option(None, "--baseline", metavar="FILE",
                                            help="Findings in this baseline (from `cxaudit "
                                            "baseline create`) are shown as baselined and do "
                                            "not fail the run; only new or worse ones do. "
                                            "Default: the config's baseline, else "
                                            ".cxaudit-baseline.json beside it."),
    no_baseline: bool = typer.Option(False, "--no-baseline",
                                     help="Ignore the configured or default baseline."),
    max_file_size: int = typer.Option(1_048_576, "--max-file-size", min=1,
                                      help="Refuse process files larger than this many bytes."),
    color: Optional[bool] = typer.Option(None, "--color/--no-color",
                                         help="Colour the terminal output (default: on a TTY)."),
    template_dir: Optional[Path] = typer.Option(None, "--template-dir", metavar="DIR",
                                                help="Templates that override the built-in "
                                                "reports/*.j2 of the same name (branding)."),
    md_limit: int = typer.Option(65_536, "--md-limit", metavar="CHARS", min=0,
                                 help="Shorten the Markdown report to this many characters "
                                 "(default: GitHub's comment limit; 0: never shorten)."),
    sarif_needs_evidence: bool = typer.Option(False, "--sarif-needs-evidence",
                                              help="List missing facts in SARIF as notes "
                                              "(left out by default: noise in code scanning)."),
    show_missing: bool = typer.Option(False, "--show-missing", help="List every missing fact "
                                      "in the text report (default: the five that would "
                                      "change the audit most, and a count)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Text report: each unit's "
                               "summary and the actions at or above the fail level, nothing "
                               "else."),
    statistics: bool = typer.Option(False, "--statistics", help="Text report: add how many "
                                    "findings each rule raised, in how many units."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, metavar="N",
                                       help="Audit with N processes (default: one per core "
                                       "for 8 files or more, else 1); the report is the "
                                       "same whatever N."),
    record: Optional[str] = record_option(),
    history: Optional[Path] = history_option(),
    lang: Optional[str] = lang_option(),
) -> None:
    """Audit process files and print the prioritized action plan."""
    from cxaudit.api import Options, audit
    from cxaudit.cli.outputs import plan
    from cxaudit.cli.progressbar import progress_bar
    from cxaudit.cli.recording import open_for_check, progress_for_check
    from cxaudit.cli.writing import refuse_inputs, run_inputs, write_report
    from cxaudit.document.loading import Limits
    from cxaudit.errors import CxauditError, UsageError
    from cxaudit.i18n import _, speaking
    from cxaudit.policy.config import CommandLine
    from cxaudit.report import ALIASES, RENDERERS, RenderOptions, render_chunks

    try:
        cfg = configuration_of(config, no_config)
        language = language_of(lang, cfg=cfg)
    except CxauditError as exc:
        fail(exc)
    with speaking(language):
        try:
            if md_limit and md_limit < 4_000:
                raise UsageError.at("--md-limit", 0, 0, _("{n} characters is too short for a "
                                                          "useful report").format(n=md_limit),
                                    _("use 0 (no limit) or at least 4000"))
            if template_dir is not None and not template_dir.is_dir():
                raise UsageError.at(str(template_dir), 0, 0, _("no such template directory"),
                                    _("pass a directory holding report.html.j2 and/or "
                                      "report.md.j2"))
            settings = settings_of(config, no_config, CommandLine(
                fail_on=fail_on, rule_dirs=tuple(str(r) for r in rules), builtin_rules=not no_builtin,
                legal_data=path_text(legal_data), waivers=path_text(waivers), no_waivers=no_waivers,
                baseline=path_text(baseline), no_baseline=no_baseline, strict=strict,
                exclude=tuple(exclude), language=language), cfg)
            # an -o that names an input is refused first, whatever else is wrong with the options
            refuse_inputs(named_outputs(fmt, output), run_inputs(paths, settings, template_dir))
            targets = plan(fmt, output, sorted(RENDERERS), ALIASES)
            options = Options(**settings, as_of=parse_date(as_of), limits=Limits(max_bytes=max_file_size),
                              today=today())
            recorder = open_for_check(record, history, settings["config"],
                                      named_outputs(fmt, output))
            bar = progress_bar()
            try:  # a history snapshot reads each unit's document: keep them for it
                result = audit(paths, options, jobs=jobs, progress=bar,
                               keep_documents=recorder is not None)
            finally:
                if bar is not None:
                    bar.close()
            progress = progress_for_check(recorder, result)  # never changes the exit code
        except CxauditError as exc:
            fail(exc)
        diagnostics(result, shown=any(t.fmt == "text" and t.path is None for t in targets))
        for t in targets:
            f, target = t.fmt, t.path
            opts = RenderOptions(template_dir=None if template_dir is None else str(template_dir),
                                 color=f == "text" and text_color(color, target is None),
                                 md_limit=md_limit, sarif_needs_evidence=sarif_needs_evidence,
                                 show_missing=show_missing, progress=progress,
                                 width=text_width(target is None), quiet=quiet,
                                 statistics=statistics)
            try:
                text = render_chunks(f, result, opts)
            except CxauditError as exc:
                fail(exc)
            if target is None:
                sys.stdout.writelines(text)
            else:
                try:
                    write_report(target, text)
                except CxauditError as exc:
                    fail(exc)
        if result.suppressions is not None:
            for line in result.suppressions.messages():
                typer.echo(line, err=True)
        raise typer.Exit(result.exit_code)
