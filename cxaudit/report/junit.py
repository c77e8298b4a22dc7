"""JUnit XML for CI test tabs (GitLab, Jenkins, Azure DevOps, GitHub test-report actions).

One `<testsuite>` per unit (process file) and one `<testcase>` per rule that applies to it:

- a rule with unsuppressed findings at or above the fail level is a `<failure>` (type = the
  worst severity) whose text lists each such finding as `file:line:col: severity: message
  (document path)`, then how to fix it;
- a rule that needs facts the file does not give, and has nothing failing, is `<skipped>`;
- everything else passes; findings below the fail level, waived or baselined findings and
  missing facts of a failing or passing rule are listed in the testcase's `<system-out>`;
- rules that do not apply to the unit are not listed;
- warnings and notes about how a unit's file was read (unknown values audited as not stated,
  synonyms) are the suite's `<system-err>`;
- a file that could not be audited is a suite of its own with one `<error>` case listing its
  problems; YAML files a directory run skipped are listed in the `<system-err>` of a last suite
  "skipped files" that holds no test;
- when waivers or a baseline are used and have something to say, a last suite "waivers and
  baseline" holds one case per notice: an expired waiver is a `<failure>` (it fails the run),
  expiring or unused waivers and fixed baseline entries pass with the notice in `<system-out>`.

`classname` is `<unit name>.<category>`, so Jenkins shows unit -> category -> rule. Times are
always 0 and nothing depends on the clock: the same audit gives the same bytes. Built with
`xml.etree`, which escapes user text; characters XML 1.0 cannot carry (control characters from
YAML escapes such as "\\x07") are written as visible `\\x07` sequences.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from cxaudit.i18n import _
from cxaudit.model.findings import Finding, Kind, RuleResult, Status
from cxaudit.report import labels
from cxaudit.report.view import rule_text
from cxaudit.result import AuditResult, UnitReport, at_or_above

_ILLEGAL = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """`text` with the characters XML 1.0 forbids made visible (`\\x07`) instead of dropped."""
    return _ILLEGAL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _line(f: Finding) -> str:
    loc = f.location
    label = labels.kind(f.kind.value) if f.kind is Kind.NEEDS_EVIDENCE else \
        labels.severity(f.severity.value)
    note = ""
    if f.suppression is not None:
        s = f.suppression
        note = f" [{s.kind}" + (f": {s.reason}" if s.reason else "") + "]"
    return f"{loc.file}:{loc.line}:{loc.column}: {label}: {f.message} ({loc.path}){note}"


def _failing(f: Finding, fail_on: str) -> bool:
    return (f.kind is Kind.VIOLATION and f.suppression is None
            and at_or_above(f.severity, fail_on))


@dataclass
class _Counts:
    tests: int = 0
    failures: int = 0
    skipped: int = 0
    errors: int = 0


def _case(unit: UnitReport, rr: RuleResult, result: AuditResult, counts: _Counts) -> ET.Element:
    rule = result.rules[rr.rule_id]
    case = ET.Element("testcase", {
        "classname": xml_text(f"{unit.name}.{rule.category}"),
        "name": xml_text(f"{rule.id} {rule.name_title}"), "time": "0"})
    failing = [f for f in rr.findings if _failing(f, result.fail_on)]
    others = [f for f in rr.findings if not _failing(f, result.fail_on)]
    counts.tests += 1
    if failing:
        counts.failures += 1
        worst = max(failing, key=lambda f: f.severity.rank)
        first = f"{failing[0].location.file}:{failing[0].location.line}: {failing[0].message}"
        more = " " + _("(and %(n)s more)") % {"n": len(failing) - 1} if len(failing) > 1 else ""
        fix = rule_text(rule, rule.fix).strip()
        body = "\n".join([_line(f) for f in failing] + ["", _("How to fix: %(fix)s") % {
            "fix": fix}])
        ET.SubElement(case, "failure", {"message": xml_text(first + more),
                                        "type": worst.severity.value}).text = xml_text(body)
    elif rr.status is Status.NEEDS_EVIDENCE or (
            others and all(f.kind is Kind.NEEDS_EVIDENCE for f in others)):
        counts.skipped += 1
        missing = [f for f in others if f.kind is Kind.NEEDS_EVIDENCE]
        message = missing[0].message if missing else (rr.reason or labels.kind("needs-evidence"))
        more = " " + _("(and %(n)s more)") % {"n": len(missing) - 1} if len(missing) > 1 else ""
        ET.SubElement(case, "skipped", {"message": xml_text(message + more)})
    if others:
        ET.SubElement(case, "system-out").text = xml_text("\n".join(_line(f) for f in others))
    return case


def _suite(unit: UnitReport, result: AuditResult, totals: _Counts) -> ET.Element:
    counts = _Counts()
    cases = [_case(unit, rr, result, counts) for rr in unit.results
             if rr.status is not Status.NOT_APPLICABLE]
    suite = ET.Element("testsuite", {
        "name": xml_text(unit.name), "tests": str(counts.tests),
        "failures": str(counts.failures), "errors": "0", "skipped": str(counts.skipped),
        "time": "0", "file": xml_text(unit.file)})
    props = ET.SubElement(suite, "properties")
    for name, value in (("file", unit.file), ("fail_on", result.fail_on),
                        ("score", str(unit.score.value)),
                        ("described", str(unit.score.described)),
                        ("maturity", _("%(level)s of %(of)s: %(stage)s") % {
                            "level": unit.maturity.level, "of": unit.maturity.of,
                            "stage": _(unit.maturity.stage)})):
        ET.SubElement(props, "property", {"name": name, "value": xml_text(value)})
    suite.extend(cases)
    said = [n.render() for n in result.warnings if n.file == unit.file]
    if said:
        ET.SubElement(suite, "system-err").text = xml_text("\n".join(said))
    totals.tests += counts.tests
    totals.failures += counts.failures
    totals.skipped += counts.skipped
    return suite


def _notice_suite(result: AuditResult, totals: _Counts) -> ET.Element | None:
    """Waivers and baseline as a suite: an expired waiver fails (as it fails the run)."""
    report = result.suppressions
    notices = report.notices() if report is not None else []
    if report is None or not notices:
        return None
    counts = _Counts()
    suite = ET.Element("testsuite", {"name": "waivers and baseline"})
    for level, p in notices:
        kind = "baseline" if report.baseline_file and p.file == report.baseline_file \
            else "waivers"
        case = ET.SubElement(suite, "testcase", {"classname": f"cxaudit.{kind}",
                                                 "name": xml_text(p.message), "time": "0"})
        counts.tests += 1
        if level == "error":
            counts.failures += 1
            ET.SubElement(case, "failure", {"message": xml_text(p.message),
                                            "type": "expired-waiver"}).text = xml_text(p.render())
        else:
            ET.SubElement(case, "system-out").text = xml_text(f"{level}: {p.render()}")
    suite.attrib.update({"tests": str(counts.tests), "failures": str(counts.failures),
                         "errors": "0", "skipped": "0", "time": "0",
                         "file": xml_text(report.waivers_file or report.baseline_file)})
    totals.tests += counts.tests
    totals.failures += counts.failures
    return suite


def _error_suites(result: AuditResult, totals: _Counts) -> list[ET.Element]:
    """One suite per file that could not be audited, holding one `<error>` case."""
    out = []
    for file in result.failed_files:
        problems = [p for p in result.errors if p.file == file]
        suite = ET.Element("testsuite", {"name": xml_text(file), "tests": "1", "failures": "0",
                                         "errors": "1", "skipped": "0", "time": "0",
                                         "file": xml_text(file)})
        case = ET.SubElement(suite, "testcase", {"classname": "cxaudit.input",
                                                 "name": xml_text(f"read {file}"), "time": "0"})
        first = problems[0]
        ET.SubElement(case, "error", {
            "message": xml_text(f"{first.line}:{first.column}: {first.message}" if first.line
                                else first.message),
            "type": "input-error"}).text = xml_text("\n".join(p.render() for p in problems))
        totals.tests += 1
        totals.errors += 1
        out.append(suite)
    units = {u.file for u in result.units}
    skipped = [n.render() for n in result.warnings if n.file not in units]
    if skipped:
        suite = ET.Element("testsuite", {"name": "skipped files", "tests": "0", "failures": "0",
                                         "errors": "0", "skipped": "0", "time": "0"})
        ET.SubElement(suite, "system-err").text = xml_text("\n".join(skipped))
        out.append(suite)
    return out


def build(result: AuditResult) -> ET.Element:
    """The `<testsuites>` element for an audit."""
    totals = _Counts()
    suites = [_suite(u, result, totals) for u in result.units]
    suites += _error_suites(result, totals)
    notices = _notice_suite(result, totals)
    if notices is not None:
        suites.append(notices)
    root = ET.Element("testsuites", {"name": "cxaudit", "tests": str(totals.tests),
                                     "failures": str(totals.failures),
                                     "errors": str(totals.errors),
                                     "time": "0"})
    root.extend(suites)
    return root


def render(result: AuditResult) -> str:
    """The JUnit XML document (UTF-8, indented, no timestamps)."""
    root = build(result)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"
