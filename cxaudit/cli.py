"""The command line: thin commands that turn options into an API call and an exit code."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any, List, NoReturn, Optional

import typer
import typer.core

from cxaudit import __version__
from cxaudit.boundary import Boundary
from cxaudit.cli_support import diagnostics, notices, text_color

# We print plain help (rich_markup_mode=None); typer 0.20 still escapes "[default: ...]" for
# rich's HTML export whenever rich is installed, so help showed "\[required]". Telling typer
# that rich is absent gives click's plain help, and keeps rich out of the import path.
typer.core.HAS_RICH = False

app = typer.Typer(
    name="cxaudit",
    help="Audit customer-service processes described in YAML and get a prioritized action "
         "plan.\n\nExit codes: 0 clean (nothing at or above the fail level), 1 findings at or "
         "above the fail level that no waiver or baseline covers, or an expired waiver (for "
         "diff: a regression), 2 usage or input error, 3 internal error (a bug in cxaudit: "
         "please report it).",
    cls=Boundary, no_args_is_help=True, add_completion=False, rich_markup_mode=None,
    pretty_exceptions_enable=False, context_settings={"help_option_names": ["-h", "--help"]},
)

FORMATS = ("text", "md", "json")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cxaudit {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(version: bool = typer.Option(False, "--version", "-V", callback=_version,
                                       is_eager=True, help="Show the version and exit.")) -> None:
    """cxaudit: customer-service policy as code."""


def _date(text: Optional[str]) -> Optional[date]:
    """Parse --as-of; a bad date is a usage error."""
    from cxaudit.dates import parse_as_of

    return None if text is None else parse_as_of(text, "--as-of")


def _str(path: Optional[Path]) -> Optional[str]:
    return None if path is None else str(path)


def _today() -> Optional[date]:
    """The date waivers expire against: $CXAUDIT_TODAY (for tests and replays), else None."""
    import os

    from cxaudit.errors import UsageError

    text = os.environ.get("CXAUDIT_TODAY")
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError.at("CXAUDIT_TODAY", 0, 0, f"{text!r} is not a date",
                            "write it as YYYY-MM-DD or unset it") from None


def _settings(config: Optional[Path], no_config: bool, cli: Any) -> dict[str, Any]:
    """Options from the settings file (found, named or none) with the command line on top."""
    from cxaudit import config as configuration

    if no_config:
        cfg = configuration.Config()
    elif config is not None:
        cfg = configuration.load(config)
    else:
        cfg = configuration.discover()
    if cfg.note:
        typer.echo(cfg.note, err=True)
    return configuration.option_values(cfg, cli)


def _named_outputs(fmt: List[str], output: List[Path]) -> list[Path]:
    """Every file the options name for writing: `-o FILE` and `-f FORMAT=FILE`."""
    return [*output, *(Path(f.split("=", 1)[1]) for f in fmt if "=" in f)]


def _fail(exc: Exception) -> NoReturn:
    """The one place user-facing errors are printed; exit code 2."""
    typer.echo(str(exc), err=True)
    raise typer.Exit(2)


@app.command()
def check(
    paths: List[Path] = typer.Argument(..., help="Process files or directories of them; each "
                                       "file is audited as its own unit."),
    fmt: List[str] = typer.Option([], "--format", "-f", metavar="FORMAT[=FILE]",
                                  help="Output format: text (default), md, json, html, sarif or "
                                  "junit; FORMAT=FILE writes it to FILE. Repeatable."),
    output: List[Path] = typer.Option([], "--output", "-o", help="Write a report to FILE, in "
                                      "the format its extension names (.sarif, .json, .md...)."),
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
                                            "not fail the run; only new ones do."),
    no_baseline: bool = typer.Option(False, "--no-baseline",
                                     help="Ignore the baseline named in the config."),
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
    show_missing: bool = typer.Option(False, "--show-missing", help="List every missing fact "
                                      "in the text report (default: the five that would "
                                      "change the audit most, and a count)."),
) -> None:
    """Audit process files and print the prioritized action plan."""
    from cxaudit.api import Options, audit
    from cxaudit.config import CommandLine
    from cxaudit.errors import CxauditError, UsageError
    from cxaudit.loading import Limits
    from cxaudit.outputs import plan
    from cxaudit.report import ALIASES, RENDERERS, RenderOptions, render
    from cxaudit.writing import refuse_inputs, run_inputs, write_report

    try:
        if md_limit and md_limit < 4_000:
            raise UsageError.at("--md-limit", 0, 0, f"{md_limit} characters is too short for "
                                "a useful report", "use 0 (no limit) or at least 4000")
        if template_dir is not None and not template_dir.is_dir():
            raise UsageError.at(str(template_dir), 0, 0, "no such template directory",
                                "pass a directory holding report.html.j2 and/or report.md.j2")
        settings = _settings(config, no_config, CommandLine(
            fail_on=fail_on, rule_dirs=tuple(str(r) for r in rules), builtin_rules=not no_builtin,
            legal_data=_str(legal_data), waivers=_str(waivers), no_waivers=no_waivers,
            baseline=_str(baseline), no_baseline=no_baseline, strict=strict,
            exclude=tuple(exclude)))
        # an -o that names an input is refused first, whatever else is wrong with the options
        refuse_inputs(_named_outputs(fmt, output), run_inputs(paths, settings, template_dir))
        targets = plan(fmt, output, sorted(RENDERERS), ALIASES)
        options = Options(**settings, as_of=_date(as_of), limits=Limits(max_bytes=max_file_size),
                          today=_today())
        result = audit(paths, options)
    except CxauditError as exc:
        _fail(exc)
    diagnostics(result, shown=any(t.fmt == "text" and t.path is None for t in targets))
    for t in targets:
        f, target = t.fmt, t.path
        opts = RenderOptions(template_dir=None if template_dir is None else str(template_dir),
                             color=f == "text" and text_color(color, target is None),
                             md_limit=md_limit, show_missing=show_missing)
        try:
            text = render(f, result, opts)
        except CxauditError as exc:
            _fail(exc)
        if target is None:
            sys.stdout.write(text)
        else:
            try:
                write_report(target, text)
            except CxauditError as exc:
                _fail(exc)
    if result.suppressions is not None:
        for line in result.suppressions.messages():
            typer.echo(line, err=True)
    raise typer.Exit(result.exit_code)


@app.command()
def sla(
    path: Path = typer.Argument(..., help="A process file."),
    fmt: str = typer.Option("text", "--format", "-f", help="text or json."),
    as_of: Optional[str] = typer.Option(None, "--as-of", metavar="YYYY-MM-DD",
                                        help="Start of the twelve months searched for the worst "
                                        "case; default: process.updated."),
    strict: bool = typer.Option(False, "--strict", help="Unknown classification values are "
                                "errors (exit 2); default: the config's."),
) -> None:
    """Show every SLA target with the longest real wait it allows and when that happens."""
    import json

    from cxaudit.api import load_process, sla_rows_of
    from cxaudit.config import CommandLine
    from cxaudit.errors import CxauditError, UsageError
    from cxaudit.slatable import render_table

    try:
        if fmt not in ("text", "json"):
            raise UsageError.at("--format", 0, 0, f"unknown format {fmt!r}", "use text or json")
        settings = _settings(None, False, CommandLine(strict=strict))
        proc = load_process(str(path), strict=settings["strict"])
        notices(proc.notices)
        rows = sla_rows_of(proc, _date(as_of))
    except CxauditError as exc:
        _fail(exc)
    if fmt == "json":
        sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(render_table(rows))


@app.command("diff")
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
) -> None:
    """Compare two process descriptions: did the change make the service worse?

    Every field is judged by its declared direction (a longer target or a shorter return window
    is a regression), worst-case waits are compared with one as-of date, and both sides are
    audited to list findings introduced and resolved. Exit codes: 0 no regression at or above
    --fail-on-regression, 1 regressions, 2 usage or input error, 3 internal error.
    """
    from cxaudit.config import CommandLine
    from cxaudit.diff import DiffOptions, diff
    from cxaudit.diff.render import FORMATS as DIFF_FORMATS
    from cxaudit.diff.render import render as render_diff
    from cxaudit.errors import CxauditError, UsageError
    from cxaudit.loading import Limits
    from cxaudit.outputs import plan
    from cxaudit.writing import refuse_inputs, run_inputs, write_report

    try:
        if template_dir is not None and not template_dir.is_dir():
            raise UsageError.at(str(template_dir), 0, 0, "no such template directory",
                                "pass a directory holding diff.md.j2")
        settings = _settings(config, no_config, CommandLine(
            rule_dirs=tuple(str(r) for r in rules), builtin_rules=not no_builtin,
            legal_data=_str(legal_data), strict=strict))
        refuse_inputs(_named_outputs(fmt, output),
                      run_inputs([s for s in (old, new) if Path(s).exists()], settings,
                                 template_dir))
        targets = plan(fmt, output, DIFF_FORMATS)
        result = diff(old, new, DiffOptions(
            fail_on_regression=fail_on_regression, as_of=_date(as_of),
            rule_dirs=settings["rule_dirs"], builtin_rules=settings["builtin_rules"],
            legal_data=settings["legal_data"], config=settings["config"],
            limits=Limits(max_bytes=max_file_size), strict=settings["strict"]))
        notices(result.warnings)
        for t in targets:
            text = render_diff(t.fmt, result, _str(template_dir), md_limit)
            if t.path is None:
                sys.stdout.write(text)
                continue
            write_report(t.path, text)
    except CxauditError as exc:
        _fail(exc)
    raise typer.Exit(result.exit_code)


@app.command()
def schema(
    which: str = typer.Argument("process", help="process (the cxaudit/v1 vocabulary), rule, "
                                "report (the JSON report), config (.cxaudit.yaml), waivers "
                                "or diff (the JSON diff)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE",
                                          help="Write the schema to FILE (replaced "
                                          "atomically) instead of printing it."),
) -> None:
    """Print a JSON Schema, for editors and validators."""
    from cxaudit import resources

    names = {"process": "process.schema.json", "rule": "rule.schema.json",
             "report": "report.schema.json", "config": "config.schema.json",
             "waivers": "waivers.schema.json", "diff": "diff.schema.json"}
    if which not in names:
        typer.echo(f"unknown schema {which!r}; use one of: {', '.join(names)}", err=True)
        raise typer.Exit(2)
    if output is None:
        sys.stdout.write(resources.schema_text(names[which]))
        return
    from cxaudit.errors import CxauditError
    from cxaudit.writing import write_report

    try:
        write_report(output, resources.schema_text(names[which]), "schema")
    except CxauditError as exc:
        _fail(exc)


baseline_app = typer.Typer(help="Record today's findings so that CI fails only on new ones.",
                           no_args_is_help=True, rich_markup_mode=None)
app.add_typer(baseline_app, name="baseline")


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
    from cxaudit.config import CommandLine
    from cxaudit.errors import CxauditError
    from cxaudit.terminal import clean
    from cxaudit.writing import refuse_inputs, run_inputs, write_report

    target = None if str(output) == "-" else output
    try:
        settings = _settings(config, no_config, CommandLine(
            rule_dirs=tuple(str(r) for r in rules), builtin_rules=not no_builtin,
            legal_data=_str(legal_data), no_waivers=True, no_baseline=True))
        refuse_inputs([output], run_inputs(paths, settings))
        text = baseline_text(paths, str(target or "-"), Options(**settings, as_of=_date(as_of)))
        if target is None:
            sys.stdout.write(text)
            return
        write_report(target, text, "baseline")
    except CxauditError as exc:
        _fail(exc)
    count = text.count('"fingerprint":')
    typer.echo(f"wrote {count} finding(s) to {clean(str(target))}", err=True)


from cxaudit.cli_rules import rules_app  # after `app`, next to the other sub-apps

app.add_typer(rules_app, name="rules")

from cxaudit.cli_import import import_app  # beside the other sub-apps

app.add_typer(import_app, name="import")

from cxaudit.cli_init import examples_app, init  # imports typer only; prompts load on use

app.command("init")(init)
app.add_typer(examples_app, name="examples")


def main() -> None:
    """Console-script entry point."""
    app()
