"""Rule listings and rule pages for `cxaudit rules list` and `cxaudit rules show`."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Mapping, Sequence
from typing import Any

import yaml

from cxaudit import terminal
from cxaudit.engine.examples import example_text
from cxaudit.i18n import _, ngettext
from cxaudit.report import labels, mdsafe
from cxaudit.report.seeds import source_label
from cxaudit.rules.packs import Rule


def rule_summary(rule: Rule) -> dict[str, Any]:
    """The fields `rules list --format json` prints."""
    return {"id": rule.id, "title": rule.title, "category": rule.category,
            "severity": rule.severity.value, "impact": rule.impact, "effort": rule.effort,
            "tags": list(rule.tags), "pack": rule.pack,
            "source": [s.label() + (f" <{s.url}>" if s.url else "") for s in rule.sources]}


def filter_rules(rules: Sequence[Rule], category: str | None, severity: str | None,
                 tag: str | None) -> list[Rule]:
    """Rules matching every given filter."""
    return [r for r in rules
            if (category is None or r.category == category)
            and (severity is None or r.severity.value == severity)
            and (tag is None or tag in r.tags)]


def list_text(rules: Sequence[Rule]) -> str:
    """An aligned table of rules."""
    if not rules:
        return _("no rules match") + "\n"
    width = max(len(r.id) for r in rules)
    sev = max(8, *(len(labels.severity(r.severity.value)) for r in rules))
    cat = max(14, *(len(labels.category(r.category)) for r in rules))
    lines = [f"{r.id:<{width}}  {labels.severity(r.severity.value):<{sev}}  "
             f"{labels.category(r.category):<{cat}}  "
             + _("imp %(impact)s eff %(effort)s") % {"impact": r.impact, "effort": r.effort}
             + f"  {r.title}" for r in rules]
    return terminal.lines([*lines, ngettext("%(n)s rule(s)", "%(n)s rule(s)", len(rules))
                           % {"n": len(rules)}])


def list_json(rules: Sequence[Rule]) -> str:
    """Rules as a JSON list."""
    return json.dumps([rule_summary(r) for r in rules], indent=2, ensure_ascii=False) + "\n"


def list_markdown(rules: Sequence[Rule]) -> str:
    """A Markdown table of rules (the README's rule table is this output)."""
    lines = ["| " + " | ".join((_("id"), _("category"), _("severity"), _("impact"), _("effort"),
                                _("what good looks like"))) + " |",
             "|---|---|---|---:|---:|---|"]
    lines += [f"| {r.id} | {labels.category(r.category)} | {labels.severity(r.severity.value)} "
              f"| {r.impact} | {r.effort} | {mdsafe.prose(r.title)} |" for r in rules]
    return "\n".join(lines) + "\n"


def _wrap(text: str) -> list[str]:
    return textwrap.wrap(text, 96, initial_indent="  ", subsequent_indent="  ")


def _sentences(title: str, texts: Mapping[str, str]) -> list[str]:
    if not texts:
        return []
    out = [f"  {title}:"]
    for name in sorted(texts):
        out += textwrap.wrap(f"{name}: {texts[name]}", 96, initial_indent="    ",
                             subsequent_indent="      ")
    return out


def show_text(rule: Rule) -> str:
    """Everything about one rule, for authors and auditors."""
    out = [f"{rule.id}  {rule.title}",
           _("category %(category)s, severity %(severity)s, impact %(impact)s, effort "
             "%(effort)s") % {"category": labels.category(rule.category),
                              "severity": labels.severity(rule.severity.value),
                              "impact": rule.impact, "effort": rule.effort}
           + (", " + _("quick win") if rule.quick_win else "")
           + "; " + _("pack %(pack)s") % {"pack": rule.pack},
           "", _("Why it matters:"), *_wrap(rule.why), "", _("How to fix it:"), *_wrap(rule.fix),
           "", _("Sources:")]
    out += [f"  - {source_label(s)}" + (f" <{s.url}>" if s.url else "") for s in rule.sources]
    if rule.params:
        out += ["", _("Parameters:")]
        for name, value in rule.params.items():
            desc = rule.raw.get("params", {}).get(name, {}).get("description", "")
            if isinstance(value, (list, dict)):
                # Structured defaults read best as the YAML an author would write to override them.
                out.append(f"  {name} ({rule.param_types[name]}) {desc}".rstrip())
                block = yaml.safe_dump(value, sort_keys=False, allow_unicode=True,
                                       default_flow_style=None, width=88)
                out += [f"      {line}" for line in block.splitlines()]
            else:
                out.append(f"  {name} = {value} ({rule.param_types[name]}) {desc}".rstrip())
    check = _("built-in check function `%(name)s`") % {"name": rule.function} \
        if rule.function else _("declarative check (see the rule file)")
    out += ["", _("Check: %(check)s") % {"check": check}]
    if rule.function:  # what the function says, so that a pack using it can say it too
        out += _sentences(_("Sentences it says (%(key)s)") % {"key": "messages"}, {
            name: said["message"] for name, said in rule.messages.items()})
        out += _sentences(_("Parts of its sentences (%(key)s)") % {"key": "parts"}, rule.parts)
    out += [_("File: %(file)s") % {"file": rule.file}, "", _("Examples:")]
    for ex in rule.examples:
        out.append(f"  [{ex['expect']}] {ex['name']}")
        body = example_text(dict(ex)).splitlines()[2:]  # apiVersion/kind are implied
        out += [f"      {line}" for line in body]
    return terminal.lines(out)  # each entry is one line
