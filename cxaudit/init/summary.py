"""After writing: audit the file and say the score and the next three things to do."""

from __future__ import annotations

from pathlib import Path

from cxaudit.i18n import current
from cxaudit.init.texts import say


def audit_summary(path: Path, lang: str | None = None) -> str:
    """The audit of `path` in a few lines: score, described share, counts, next three steps."""
    from cxaudit.api import Options, audit

    result = audit([str(path)], Options(language=current()))
    if not result.units:  # cannot happen for a file init wrote; say what the audit said
        return "\n".join(p.render() for p in result.errors) + "\n"
    unit = result.units[0]
    s = unit.score
    lines = [say("ui.summary_score", lang, score=s.value, passed=s.passed, judged=s.judged)
             if s.value is not None else say("ui.summary_no_score", lang)]
    if s.applicable:
        lines.append(say("ui.summary_described", lang, described=s.described, judged=s.judged,
                         applicable=s.applicable))
    c = unit.counts()
    lines.append(say("ui.summary_counts", lang, missing=c["needs-evidence"], **c))
    steps: list[str] = []
    seen: set[str] = set()
    for a in unit.actions:
        if a.rule.id not in seen:
            seen.add(a.rule.id)
            steps.append(f"{a.rule.id} {a.rule.title}")
    for q in unit.questions:
        steps.append(say("ui.next_question", lang, path=q.path, rules=", ".join(q.rule_ids)))
    if steps:
        lines.append(say("ui.next_three", lang))
        lines += [f"  {i}. {step}" for i, step in enumerate(steps[:3], 1)]
    lines.append(say("ui.see_all", lang, file=str(path)))
    from cxaudit.terminal import clean

    return "\n".join(clean(line) for line in lines) + "\n"
