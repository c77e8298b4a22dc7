"""Every sentence the portfolio adds to the reports written in Python, in one place.

The Markdown and HTML sentences live in their templates (`reports/`); these are the terminal
report's portfolio (PORTFOLIO) and the notes saying what a shortened report left out (HTML_CUTS,
MD_CUTS). Placeholders are filled with str.format.
"""

from __future__ import annotations

PORTFOLIO: dict[str, str] = {
    "title": "Portfolio: {units} units",
    "title_groups": "Portfolio: {units} units in {groups} folders",
    "scores": ("Scores by unit and category, out of 100 (n/a: no rule of the category applies; "
               "Fail: actions at or above the fail level)"),
    "group": "{name}: {count} unit(s), score {lowest}-{highest}, mean {mean}, {failing} failing",
    "group_scoreless": "{name}: {count} unit(s), no score",
    "top_level": "(top folder)",
    "categories": "Columns: {names}",
    "best_worst": "Best and worst unit per category",
    "best": "best {score}: {units}",
    "worst": "worst {score}: {units}",
    "same": "every unit scores {score}",
    "none": "applies to no unit",
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

__all__ = ["HTML_CUTS", "MD_CUTS", "PORTFOLIO"]
