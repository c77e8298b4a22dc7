"""Every sentence the portfolio and progress add to the reports written in Python, in one place.

The Markdown and HTML sentences live in their templates (`reports/`); these are the terminal
report's portfolio (PORTFOLIO) and progress (PROGRESS, also what `cxaudit progress` prints),
and the notes saying what a shortened report left out (HTML_CUTS, MD_CUTS). Placeholders are
filled with str.format.
"""

from __future__ import annotations

PORTFOLIO: dict[str, str] = {
    "title": "Portfolio: {units} units",
    "title_groups": "Portfolio: {units} units in {groups} folders",
    "scores": ("Scores by unit and category, out of 100 over the rules that could be judged "
               "(n/a: no rule applies, or none could be judged yet; Desc: how much of what the "
               "rules need is described; Fail: actions at or above the fail level)"),
    "group": "{name}: {count} unit(s), score {lowest}-{highest}, mean {mean}, {failing} failing",
    "group_scoreless": "{name}: {count} unit(s), no score",
    "top_level": "(top folder)",
    "categories": "Columns: {names}",
    "best_worst": "Best and worst unit per category",
    "best": "best {score}: {units}",
    "worst": "worst {score}: {units}",
    "same": "every unit scores {score}",
    "same_judged": "every unit with a score scores {score} (n/a in {rest})",
    "none": "no unit has a score (no rule applies, or none could be judged yet)",
    "more": "and {n} more",
    "shared": "Findings several units share: fix them once, centrally",
    "shared_line": "{rank}. {rule_id} {severity}, {count} of {total} units: {title}",
    "shared_where": "at {path}; units {numbers}",
    "shared_more": "... and {n} more shared findings (the JSON and HTML reports list them all)",
    "no_shared": "No finding is shared by two units.",
    "matrix": ("Rules x units: C critical, H high, M medium, L low (the worst failing severity), "
               "+ pass, ? needs evidence, - not applicable; columns are the unit numbers above"),
    "matrix_quiet": "{n} more rule(s) pass or do not apply in every unit.",
    "matrix_block": "units {first}-{last}",
}

PROGRESS: dict[str, str] = {
    "none": "-",
    "progress_title": "Progress since {since} ({units} unit(s))",
    "since_run": "run {run}",
    "progress_title_first": "Progress: first audit of every unit ({units} unit(s))",
    "progress_unit": "{key}  {name}",
    "progress_first": "  first audit as of {as_of}: score {score}, described {described}, "
                      "stage {level} {stage}; nothing to compare yet",
    "progress_score": "  score {then} -> {now} ({delta}) from {since} (run {run}) to {as_of}; "
                      "stage {then_level} {then_stage} -> {level} {stage}",
    "progress_described": "  described {then} -> {now} (the share of the facts the rules need "
                          "that the file gives)",
    "share": "{value} %",
    "no_score": "n/a",
    "progress_fixed": "  fixed ({n}):",
    "progress_new": "  new ({n}):",
    "progress_open": "  still open ({n}):",
    "progress_unjudged": "  no longer judged ({n}): the file no longer gives the facts, or the "
                         "rule no longer applies",
    "progress_regressed": "  values that regressed ({n}):",
    "progress_waits": "  longer worst-case waits ({n}):",
    "progress_finding": "    {rule_id} {severity:<8} {path}  {title}",
    "progress_value": "    {label} at {key}: {then} -> {now}{fired}",
    "progress_value_gone": "    {label} at {key}: {then} -> no longer described",
    "progress_fired": " (the rule fired both times: {rules})",
    "progress_wait": "    {metric}, {priority} on {channel}: {then} -> {now} (target {target})",
    "progress_nothing": "  no change in findings, values or waits",
    "progress_imported": "  (an imported report keeps no values or waits: only findings are "
                         "compared)",
}

HTML_CUTS: dict[str, str] = {
    "explanations": "the why / fix / sources of each finding in every unit (each rule is "
                    "explained once, at the end)",
    "charts": "each unit's category chart (the portfolio table has its scores)",
    "detail": "each unit's findings in detail (its action plan still names every finding and "
              "where it is; legal references and waiver notes are in the JSON report)",
    "compact": "each action's priority formula and its other places, what each rule asks for "
               "a missing fact, and the titles of notes and passed rules",
    "actions": "{n} plan actions after the first {keep} of each unit",
}

MD_CUTS: dict[str, str] = {
    "matrix": "the rules x units matrix (each rule's counts are shown instead)",
    "summaries": "each unit's action plan and category table (each unit keeps its summary and "
                 "next three things to do)",
    "sections": "the section of each unit (the overview above lists every unit)",
    "progress": "the progress of each unit item by item, and the trend drawings",
    "progress_changed": "the progress of each unit item by item, the trend drawings and the "
                        "units without any change",
    "portfolio": "the rules x units matrix and all but five shared findings",
    "overview": "the category columns of the overview",
}

__all__ = ["HTML_CUTS", "MD_CUTS", "PORTFOLIO", "PROGRESS"]
