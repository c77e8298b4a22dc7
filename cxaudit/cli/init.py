"""`cxaudit init`: start a process file from questions, a sector template or an answers file,
or complete one (`--continue`). The prompt library is imported only when questions are asked."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from cxaudit.cli.common import fail, lang_option, speaks

INTERRUPTED = 130  # the shell's code for a run stopped with Ctrl-C; answers are kept


def _terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


@speaks
def init(
    output: Path = typer.Option(Path("process.yaml"), "--output", "-o", metavar="FILE",
                                help="The process file to write (default: process.yaml)."),
    template: Optional[str] = typer.Option(None, "--template", "-t", metavar="SECTOR",
                                           help="Start from a sector template: online-shop, "
                                           "marketplace, bank, telecom, b2b-saas, restaurant, "
                                           "cinema, hotel or utility; its answers become the "
                                           "defaults."),
    answers_file: Optional[Path] = typer.Option(None, "--answers", metavar="FILE",
                                                help="Take the answers from FILE (as init "
                                                "saves them beside the process file)."),
    no_input: bool = typer.Option(False, "--no-input", help="Ask nothing: write the file from "
                                  "--template or --answers alone (for scripts)."),
    force: bool = typer.Option(False, "--force", help="Replace FILE if it exists."),
    resume_file: Optional[Path] = typer.Option(None, "--continue", metavar="FILE",
                                               help="Ask only what the audit of FILE is "
                                               "missing, the most telling first, and add the "
                                               "answers to FILE, keeping its comments and "
                                               "layout (a backup is kept)."),
    lang: Optional[str] = lang_option(),
) -> None:
    """Start a process file: answer questions, or take a template or an answers file.

    Writes a valid, commented file (never over an existing one without --force), puts the
    editor schema beside it, audits it and prints the score and the next three things to do.
    Exit codes: 0 written (whatever the audit found), 2 usage or input error, 130 stopped with
    Ctrl-C (the answers given are kept and the same command resumes).
    """
    from cxaudit.errors import CxauditError, UsageError
    from cxaudit.i18n import _

    try:
        if resume_file is not None:
            if template or answers_file:
                raise UsageError.at("--continue", 0, 0, _("--continue completes an existing "
                                                      "file; it takes no --template or --answers"),
                                    _("drop --template/--answers, or start a new file without "
                                      "--continue"))
            from cxaudit.init.complete import complete

            code = complete(resume_file, ask=not no_input and _terminal())
            raise typer.Exit(code)
        code = _start(output, template, answers_file, no_input, force)
    except CxauditError as exc:
        fail(exc)
    raise typer.Exit(code)


def _start(output: Path, template: Optional[str], answers_file: Optional[Path], no_input: bool,
           force: bool) -> int:
    from cxaudit.errors import UsageError
    from cxaudit.i18n import N_, _
    from cxaudit.init import build, files, store, templates
    from cxaudit.init.summary import audit_summary
    from cxaudit.init.texts import say

    if template and answers_file:
        raise UsageError.at("--template", 0, 0, _("--template and --answers both give the "
                                                  "answers"), _("use one of them"))
    if output.exists() and not force:
        raise UsageError.at(str(output), 0, 0, _("{path} already exists").format(path=output),
                            _("pass --force to replace it, -o to name another file, or "
                              "`cxaudit init --continue {path}` to complete it").format(
                                  path=output))
    if not no_input and not _terminal():
        raise UsageError.at("cxaudit init", 0, 0, _("no terminal to ask the questions on"),
                            _("run it in a terminal, or pass --no-input with --template SECTOR "
                              "or --answers FILE"))
    side = store.side_file(output)
    keep = None if no_input else side
    if template:
        answers = store.load(templates.path(template), keep)
    elif answers_file is not None:
        answers = store.load(answers_file, keep)
    elif side.exists():  # a stopped session: go on from its answers
        answers = store.load(side, keep)
        typer.echo(say("ui.resumed", count=len(answers.values), file=str(side)))
    else:
        answers = store.new(keep)
    if not no_input:
        from cxaudit.init.prompt import Interrupted, run

        answers.save()
        try:
            run(answers, again=template is not None, target=str(output))
        except Interrupted:
            typer.echo(say("ui.interrupted", count=len(answers.values), file=str(side)),
                       err=True)
            return INTERRUPTED
    text = build.render(answers)
    build.verify(text, str(output))
    files.write_new(output, text, force, N_("process file"))
    typer.echo(say("ui.wrote", file=str(output)))
    schema, state = files.schema_beside(output)
    if state != "same":
        typer.echo(say("ui.wrote_schema" if state == "written" else "ui.kept_schema",
                       file=str(schema)))
    if not no_input:
        typer.echo(say("ui.answers_kept", file=str(side), out=str(output)))
    typer.echo("")
    typer.echo(audit_summary(output), nl=False)
    return 0

