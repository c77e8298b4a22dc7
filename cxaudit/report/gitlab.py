"""GitLab Code Quality: the findings as the merge-request widget reads them.

The report is the subset of the Code Climate issue format that GitLab documents for
`artifacts:reports:codequality` (doc/ci/testing/code_quality.md, "Code Quality report format"):
a JSON array of objects with `description`, `check_name`, `fingerprint`, `severity` (info,
minor, major, critical, blocker), `location.path` and `location.lines.begin`. GitLab compares
the report of the merge request with the target branch's by fingerprint and lists what is new
and what is fixed. Choices:

- one entry per finding that counts: violations that no waiver or baseline covers, from low to
  critical severity. Informational notes and missing facts (needs evidence) are left out,
  as in SARIF: they are not problems the merge request should show;
- severity follows the finding's own severity, not the fail level, so an entry keeps its
  rating when the fail level changes: critical -> critical, high -> major, medium -> minor,
  low -> info; `blocker` is kept for a file that could not be audited (one entry per problem,
  `check_name` `cxaudit/input-error`), since nothing else in it was checked;
- `fingerprint` is the finding fingerprint (rule + file + document path, list items named by
  id): it survives reformatting and reordering, so GitLab does not report moved lines as new;
- `location.path` is the file relative to the working directory (run cxaudit from the
  repository root, as GitLab runs jobs), with forward slashes;
- `check_name` is the rule id and `description` the finding's message; no other field is
  written (Code Climate's `categories` has a fixed list that customer-service rules do not
  fit, and GitLab reads none of the others).

Serialised with sorted keys and no timestamps: the same audit gives the same bytes.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from cxaudit.errors import Problem
from cxaudit.model.findings import Finding, Kind, Severity
from cxaudit.report.paths import repo_path
from cxaudit.result import AuditResult

SEVERITY = {Severity.CRITICAL: "critical", Severity.HIGH: "major", Severity.MEDIUM: "minor",
            Severity.LOW: "info"}


def counts(f: Finding) -> bool:
    """Whether a finding is reported: a violation of low..critical that nothing suppresses."""
    return (f.kind is Kind.VIOLATION and f.suppression is None
            and f.severity is not Severity.INFO)


def issue(f: Finding) -> dict[str, Any]:
    """One Code Quality entry for a finding."""
    return {"check_name": f.rule_id, "description": f.message, "fingerprint": f.fingerprint,
            "severity": SEVERITY[f.severity],
            "location": {"path": repo_path(f.location.file),
                         "lines": {"begin": max(1, f.location.line)}}}


def input_error(p: Problem) -> dict[str, Any]:
    """One entry for a problem that kept a file from being audited."""
    text = p.message + (f" ({p.hint})" if p.hint else "")
    key = f"input-error\0{p.file}\0{p.line}\0{p.column}\0{p.message}"
    return {"check_name": "cxaudit/input-error", "description": text,
            "fingerprint": hashlib.sha256(key.encode()).hexdigest()[:16], "severity": "blocker",
            "location": {"path": repo_path(p.file), "lines": {"begin": max(1, p.line)}}}


def build(result: AuditResult) -> list[dict[str, Any]]:
    """The report as data: input errors first, then each unit's findings in plan order."""
    out = [input_error(p) for p in result.errors]
    seen = {e["fingerprint"] for e in out}
    for unit in result.units:
        for action in unit.actions:
            for f in action.findings:
                # GitLab keeps one entry per fingerprint; two findings of one rule at one
                # place are one entry, the worse one (actions list it first)
                if counts(f) and f.fingerprint not in seen:
                    seen.add(f.fingerprint)
                    out.append(issue(f))
    return out


def render(result: AuditResult) -> str:
    """The JSON array, sorted keys, a newline at the end."""
    return json.dumps(build(result), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


__all__ = ["SEVERITY", "build", "counts", "input_error", "issue", "render"]
