"""SARIF 2.1.0 for code scanning (GitHub, GitLab, Azure DevOps, IDE viewers).

Built as data and serialised with sorted keys, so the same audit gives the same bytes. Choices a
consumer may care about:

- one run; `tool.driver.rules` holds every rule the audit ran, sorted by id (`ruleIndex` points
  into it); each rule's level comes from its severity: critical/high -> error, medium -> warning,
  low/info -> note;
- regions are the real line and column of the YAML key (1-based, counted in Unicode code
  points); relative paths keep the spelling the user typed, under `uriBaseId` `%SRCROOT%`;
- `partialFingerprints["cxaudit/v1"]` is the finding fingerprint (rule + file + document path,
  list items named by id/name), so an alert survives reformatting and reordering;
- a waived or baselined finding carries `suppressions` (kind `external`, status `accepted`);
  expired (error), expiring or unused waivers and fixed baseline entries are
  `toolConfigurationNotifications` pointing at the waiver's line;
- a missing fact (needs-evidence) is left out by default: in code scanning it is noise (about
  two results in three on the bundled examples), and the other reports list it. With
  `needs_evidence=True` (`--sarif-needs-evidence`) each one is a result of level `note`; SARIF
  allows a level other than `none` only for `kind: fail` (sections 3.27.9-10), so it is written
  as `kind: fail`, with `properties.kind: needs-evidence` and `failsRun: false`.
  `invocations[0].properties.needsEvidence` counts them and says whether they were included;
- files that could not be audited make `executionSuccessful` false (exit code 2); each of their
  problems is a `toolExecutionNotifications` entry of level error at its position, next to the
  warnings (unknown values, audited as not stated) and notes (synonyms, skipped files) about how
  the files were read;
- rules carry `problem.severity` (error / warning / recommendation), which GitHub reads for
  non-security tools, `precision: high` (checks read declared facts, they do not guess; a
  fact that is not declared is never a failure), and no `security-severity`: GitHub
  reads that for security rules only, and these are not.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from cxaudit import resources
from cxaudit.i18n import _
from cxaudit.model.findings import Finding, Kind, Severity
from cxaudit.report.jsontext import dumps
from cxaudit.report.view import legal_view, rule_text, sources_view
from cxaudit.result import AuditResult, at_or_above
from cxaudit.rules.packs import Rule

SCHEMA_URI = ("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
              "sarif-schema-2.1.0.json")
HOME = "https://github.com/cxaudit/cxaudit"
# A built-in rule's help page is its own rule file, which holds its rationale, fix and sources.
RULE_DOCS = HOME + "/blob/main/rules/{pack}/{file}"
FINGERPRINT = "cxaudit/v1"
SRCROOT = "%SRCROOT%"

LEVEL = {Severity.CRITICAL: "error", Severity.HIGH: "error", Severity.MEDIUM: "warning",
         Severity.LOW: "note", Severity.INFO: "note"}
PROBLEM_SEVERITY = {"error": "error", "warning": "warning", "note": "recommendation"}
NOTICE_LEVEL = {"error": "error", "warning": "warning"}


def _name(title: str) -> str:
    """An identifier-like rule name: the title in PascalCase (`CustomersCanFindHowToComplain`)."""
    return "".join(w[:1].upper() + w[1:] for w in re.findall(r"[A-Za-z0-9]+", title)) or "Rule"


def help_uri(rule: Rule) -> str | None:
    """The rule's documentation: its file in the repository for built-in rules, else the first
    source URL the rule cites (custom packs), else None."""
    root = resources.rules_dir().resolve()
    try:
        rel = Path(rule.file).resolve().relative_to(root)
    except ValueError:
        rel = None
    if rel is not None and len(rel.parts) == 2:
        return RULE_DOCS.format(pack=quote(rel.parts[0]), file=quote(rel.parts[1]))
    return next((s.url for s in rule.sources if s.url), None)


def _help(rule: Rule) -> dict[str, str]:
    why, fix = rule_text(rule, rule.why).strip(), rule_text(rule, rule.fix).strip()
    sources = sources_view(rule)
    text = [why, "", _("How to fix: %(fix)s") % {"fix": fix}]
    markdown = [why, "", "**" + _("How to fix:") + f"** {fix}"]
    if sources:
        text += ["", _("Sources:")] + [f"- {s['label']}" + (f" <{s['url']}>" if s["url"] else "")
                                       for s in sources]
        markdown += ["", "**" + _("Sources:") + "**", ""] + [
            f"- [{_md_label(s['label'])}]({s['url']})" if s["url"] else f"- {s['label']}"
            for s in sources]
    return {"text": "\n".join(text), "markdown": "\n".join(markdown)}


def _md_label(label: str) -> str:
    return label.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    """A SARIF reportingDescriptor: texts, help, default level and tags of one rule."""
    level = LEVEL[rule.severity]
    tags = list(dict.fromkeys([rule.category, *rule.tags]))
    out: dict[str, Any] = {
        "id": rule.id, "name": _name(rule.name_title),
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule_text(rule, rule.why).strip() or rule.title},
        "help": _help(rule),
        "defaultConfiguration": {"level": level},
        "properties": {"tags": tags, "category": rule.category,
                       "severity": rule.severity.value, "impact": rule.impact,
                       "effort": rule.effort, "problem.severity": PROBLEM_SEVERITY[level],
                       "precision": "high"},
    }
    uri = help_uri(rule)
    if uri:
        out["helpUri"] = uri
    return out


def artifact(file: str) -> dict[str, str]:
    """artifactLocation for a path as the user typed it: relative ones under %SRCROOT%."""
    win = PureWindowsPath(file)
    if Path(file).is_absolute() or win.is_absolute():
        return {"uri": Path(file).as_uri() if Path(file).is_absolute() else win.as_uri()}
    posix = PurePosixPath(*win.parts).as_posix() if "\\" in file else PurePosixPath(file).as_posix()
    return {"uri": quote(posix, safe="/-._~!$&'()*+,;=:@"), "uriBaseId": SRCROOT}


def _result(f: Finding, index: int, rule: Rule, fail_on: str) -> dict[str, Any]:
    loc = f.location
    where = loc.anchor or loc.path
    props: dict[str, Any] = {"severity": f.severity.value, "category": rule.category,
                             "kind": f.kind.value,
                             "failsRun": f.suppression is None and f.kind is Kind.VIOLATION
                             and at_or_above(f.severity, fail_on)}
    legal = legal_view(f)
    if legal is not None:
        props["legal"] = legal
    logical: dict[str, Any] = {"fullyQualifiedName": loc.path, "kind": "property"}
    if where != loc.path:
        logical["properties"] = {"stablePath": where}
    out: dict[str, Any] = {
        "ruleId": f.rule_id, "ruleIndex": index,
        "message": {"text": f.message},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": artifact(loc.file),
                "region": {"startLine": max(1, loc.line), "startColumn": max(1, loc.column)},
            },
            "logicalLocations": [logical],
        }],
        "partialFingerprints": {FINGERPRINT: f.fingerprint},
        "properties": props,
    }
    # a needs-evidence result is only written on request, as a note (see the module docstring)
    out.update(kind="fail", level="note" if f.kind is Kind.NEEDS_EVIDENCE else LEVEL[f.severity])
    if f.suppression is not None:
        s = f.suppression
        reason = s.reason or ("listed in the baseline file" if s.kind == "baseline" else "")
        extra = {k: v for k, v in (("source", s.kind), ("owner", s.owner),
                                   ("expires", s.expires)) if v}
        out["suppressions"] = [{"kind": "external", "status": "accepted",
                                "justification": reason, "properties": extra}]
    return out


def notifications(result: AuditResult) -> list[dict[str, Any]]:
    """Waiver and baseline notices (expired waivers fail the run) as SARIF notifications."""
    if result.suppressions is None:
        return []
    out = []
    for level, p in result.suppressions.notices():
        n: dict[str, Any] = {"level": NOTICE_LEVEL.get(level, "note"),
                             "message": {"text": p.message + (f" ({p.hint})" if p.hint else "")}}
        if p.file:
            where: dict[str, Any] = {"artifactLocation": artifact(p.file)}
            if p.line > 0:
                where["region"] = {"startLine": p.line, "startColumn": max(1, p.column)}
            n["locations"] = [{"physicalLocation": where}]
        out.append(n)
    return out


def _located(level: str, text: str, code: str, file: str, line: int,
             column: int) -> dict[str, Any]:
    n: dict[str, Any] = {"level": level, "message": {"text": text}, "descriptor": {"id": code}}
    if file:
        where: dict[str, Any] = {"artifactLocation": artifact(file)}
        if line > 0:
            where["region"] = {"startLine": line, "startColumn": max(1, column)}
        n["locations"] = [{"physicalLocation": where}]
    return n


def execution_notifications(result: AuditResult) -> list[dict[str, Any]]:
    """Files that could not be audited (errors), then warnings and notes about the others."""
    out = [_located("error", p.message + (f" ({p.hint})" if p.hint else ""), "input-error",
                    p.file, p.line, p.column) for p in result.errors]
    out += [_located(n.level, n.message + (f" ({n.hint})" if n.hint else ""), n.code, n.file,
                     n.line, n.column) for n in result.warnings]
    return out


def _exit_description(result: AuditResult) -> str:
    if result.errors:
        n = len(result.failed_files)
        return f"{n} file{'s' if n != 1 else ''} could not be audited"
    failing = any(result.failing(u) for u in result.units)
    if failing:
        return f"findings at or above the fail level ({result.fail_on})"
    if result.exit_code:
        return "an expired waiver"
    return f"no finding at or above the fail level ({result.fail_on})"


def build(result: AuditResult, needs_evidence: bool = False) -> dict[str, Any]:
    """The SARIF log as plain data; `needs_evidence` adds missing facts as notes."""
    rules = sorted(result.rules.values(), key=lambda r: r.id)
    index = {r.id: i for i, r in enumerate(rules)}
    findings = [f for unit in result.units for f in unit.findings]
    missing = sum(1 for f in findings if f.kind is Kind.NEEDS_EVIDENCE)
    results = [_result(f, index[f.rule_id], result.rules[f.rule_id], result.fail_on)
               for f in findings if needs_evidence or f.kind is not Kind.NEEDS_EVIDENCE]
    code = result.exit_code
    invocation: dict[str, Any] = {
        "executionSuccessful": not result.errors, "exitCode": code,
        "exitCodeDescription": _exit_description(result),
        "properties": {"failOn": result.fail_on,
                       "needsEvidence": {"results": missing, "included": needs_evidence}}}
    notes = notifications(result)
    if notes:
        invocation["toolConfigurationNotifications"] = notes
    execution = execution_notifications(result)
    if execution:
        invocation["toolExecutionNotifications"] = execution
    run = {
        "tool": {"driver": {
            "name": "cxaudit", "version": result.version, "semanticVersion": result.version,
            "informationUri": HOME, "rules": [rule_descriptor(r) for r in rules]}},
        "invocations": [invocation],
        "originalUriBaseIds": {SRCROOT: {"description": {
            "text": _("The directory cxaudit was run in; process file paths are relative to "
                      "it.")}}},
        "columnKind": "unicodeCodePoints", "language": result.language,
        "results": results,
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(result: AuditResult, needs_evidence: bool = False) -> str:
    """Serialise with sorted keys so the same input gives the same bytes."""
    return dumps(build(result, needs_evidence))
