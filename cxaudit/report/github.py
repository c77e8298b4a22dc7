"""GitHub Actions workflow commands: an annotation on the line of every finding that counts.

`cxaudit check -f github` prints one line per annotation, which the runner reads from the
step's output and shows on the pull request's diff and the run's summary:

    ::error file=process.yaml,line=34,col=24,title=RESP-001 Written messages...::On email, ...

- a finding that fails the run (a violation at or above the fail level that no waiver or
  baseline covers) is an `error`; a violation below the fail level is a `warning` when it is
  critical, high or medium and a `notice` when it is low. Informational notes, missing facts
  (needs evidence) and waived or baselined findings are not annotated: they are in the other
  reports, and they need no one's attention on a pull request;
- an expired waiver (it fails the run) is an `error` on the waiver's line; a file that could
  not be audited is an `error` per problem; an unknown value read as not stated is a
  `warning`;
- a last plain line says how many annotations of each kind there are, so the log is never
  silent.

Values are escaped exactly as GitHub's toolkit does (`actions/toolkit`,
`packages/core/src/command.ts`): in the message `%`, CR and LF become `%25`, `%0D`, `%0A`; in
a property also `:` and `,` become `%3A` and `%2C`. User text can therefore neither end a
property nor start a line of its own, so it cannot issue a workflow command: the runner
parses each line as one `::` command before it looks for anything else in it.
"""

from __future__ import annotations

from collections.abc import Iterator

from cxaudit.i18n import _
from cxaudit.model.findings import Finding, Kind, Severity, at_or_above
from cxaudit.report import labels
from cxaudit.report.paths import repo_path
from cxaudit.report.view import rule_text
from cxaudit.result import AuditResult
from cxaudit.rules.packs import Rule

BELOW_FAIL_LEVEL = {Severity.CRITICAL: "warning", Severity.HIGH: "warning",
                    Severity.MEDIUM: "warning", Severity.LOW: "notice"}


def escape_data(text: str) -> str:
    """The message part of a workflow command (toolkit `escapeData`)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value of a workflow command (toolkit `escapeProperty`)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, file: str = "", line: int = 0, column: int = 0,
            title: str = "") -> str:
    """One `::name key=value,...::message` line; empty properties are left out."""
    props = [("file", repo_path(file) if file else ""), ("line", str(line) if line > 0 else ""),
             ("col", str(column) if line > 0 and column > 0 else ""), ("title", title)]
    given = ",".join(f"{k}={escape_property(v)}" for k, v in props if v)
    return f"::{name}{' ' + given if given else ''}::{escape_data(message)}"


def level(f: Finding, fail_on: str) -> str | None:
    """error / warning / notice for a finding, or None when it is not annotated."""
    if f.kind is not Kind.VIOLATION or f.suppression is not None or f.severity is Severity.INFO:
        return None
    return "error" if at_or_above(f.severity, fail_on) else BELOW_FAIL_LEVEL[f.severity]


def _finding(f: Finding, rule: Rule, name: str) -> str:
    loc = f.location
    fix = rule_text(rule, rule.fix).strip()
    message = f.message + ("\n\n" + _("How to fix: {fix}").format(fix=fix) if fix else "")
    return command(name, message, loc.file, loc.line, loc.column,
                   f"{rule.id} ({labels.severity(f.severity.value)}) {rule.title}")


def annotated(result: AuditResult) -> Iterator[tuple[str, str]]:
    """(level, command line) for everything annotated, in report order."""
    for p in result.errors:
        yield "error", command("error", p.message + (f" ({p.hint})" if p.hint else ""),
                               p.file, p.line, p.column, "cxaudit: " + _("file not audited"))
    for unit in result.units:
        for action in unit.actions:
            for f in action.findings:
                name = level(f, result.fail_on)
                if name is not None:
                    yield name, _finding(f, action.rule, name)
    if result.suppressions is not None:
        for lvl, p in result.suppressions.notices():
            if lvl == "error":  # an expired waiver: it fails the run
                yield "error", command("error", p.message + (f" ({p.hint})" if p.hint else ""),
                                       p.file, p.line, p.column, "cxaudit: " + _("expired waiver"))
    for n in result.warnings:
        if n.level == "warning":
            yield "warning", command("warning", n.message + (f" ({n.hint})" if n.hint else ""),
                                     n.file, n.line, n.column, f"cxaudit: {n.code}")


def render(result: AuditResult) -> str:
    """Workflow-command lines, then one plain summary line."""
    rows = list(annotated(result))
    counts = {k: sum(1 for row in rows if row[0] == k) for k in ("error", "warning", "notice")}
    summary = "cxaudit: " + _("{errors} error(s), {warnings} warning(s), {notices} notice(s) "
                              "annotated; fail level {level}; exit code {code}").format(
        errors=counts["error"], warnings=counts["warning"], notices=counts["notice"],
        level=labels.severity(result.fail_on), code=result.exit_code)
    return "".join(row[1] + "\n" for row in rows) + summary + "\n"


__all__ = ["annotated", "command", "escape_data", "escape_property", "level", "render",
           "repo_path"]
