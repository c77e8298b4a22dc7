"""Every sentence the portfolio and progress add to the reports written in Python, in one place.

The Markdown and HTML sentences live in their templates (`reports/`); these are the terminal
report's portfolio (PORTFOLIO) and progress (PROGRESS, also what `cxaudit progress` prints),
and the notes saying what a shortened report left out (HTML_CUTS, MD_CUTS). Each table says its
sentences in the run's language when they are looked up (`TABLE[key]`, or `TABLE.n(key, n)`
for a sentence whose words follow a count); placeholders are filled with str.format.
"""

from __future__ import annotations

from cxaudit.i18n import N_, Phrases, nN_

PORTFOLIO: Phrases = Phrases({
    "title": N_("Portfolio: {units}"),
    "title_groups": N_("Portfolio: {units} {folders}"),
    "units_n": nN_("{n} unit", "{n} units"),
    "in_folders_n": nN_("in {n} folder", "in {n} folders"),
    "scores": N_("Scores by unit and category, out of 100 over the rules that could be judged "
               "(n/a: no rule applies, or none could be judged yet; Desc: how much of what the "
               "rules need is described; Fail: actions at or above the fail level)"),
    "group": nN_("{name}: {count} unit(s), score {lowest}-{highest}, mean {mean}, {failing} failing",
                 "{name}: {count} unit(s), score {lowest}-{highest}, mean {mean}, {failing} failing"),
    "group_scoreless": nN_("{name}: {count} unit(s), no score", "{name}: {count} unit(s), no score"),
    "top_level": N_("(top folder)"),
    "categories": N_("Columns: {names}"),
    "best_worst": N_("Best and worst unit per category"),
    "best": N_("best {score}: {units}"),
    "worst": N_("worst {score}: {units}"),
    "same": N_("every unit scores {score}"),
    "same_judged": N_("every unit with a score scores {score} (n/a in {rest})"),
    "none": N_("no unit has a score (no rule applies, or none could be judged yet)"),
    "more": N_("and {n} more"),
    "shared": N_("Findings several units share: fix them once, centrally"),
    "shared_line": nN_("{rank}. {rule_id} {severity}, {count} of {total} units: {title}",
                       "{rank}. {rule_id} {severity}, {count} of {total} units: {title}"),
    "shared_where": N_("at {path}; units {numbers}"),
    "shared_more": nN_("... and {n} more shared findings (the JSON and HTML reports list them all)",
                       "... and {n} more shared findings (the JSON and HTML reports list them all)"),
    "no_shared": N_("No finding is shared by two units."),
    "matrix": N_("Rules x units: C critical, H high, M medium, L low (the worst failing severity), "
               "+ pass, ? needs evidence, - not applicable; columns are the unit numbers above"),
    # the same legend with the severities' initials in the run's language (C H M L in English)
    "matrix_legend": N_("Rules x units: {critical} critical, {high} high, {medium} medium, {low} "
                        "low (the worst failing severity), + pass, ? needs evidence, - not "
                        "applicable; columns are the unit numbers above"),
    "matrix_quiet": nN_("{n} more rule(s) pass or do not apply in every unit.",
                        "{n} more rule(s) pass or do not apply in every unit."),
    "matrix_block": N_("units {first}-{last}"),
})

PROGRESS: Phrases = Phrases({
    "none": "-",
    "progress_title": nN_("Progress since {since} ({units} unit(s))",
                          "Progress since {since} ({units} unit(s))"),
    "since_run": N_("run {run}"),
    "progress_title_first": nN_("Progress: first audit of every unit ({units} unit(s))",
                                "Progress: first audit of every unit ({units} unit(s))"),
    "progress_unit": "{key}  {name}",
    "progress_first": N_("  first audit as of {as_of}: score {score}, described {described}, "
                      "stage {level} {stage}; nothing to compare yet"),
    "progress_score": N_("  score {then} -> {now} ({delta}) from {since} (run {run}) to {as_of}; "
                      "stage {then_level} {then_stage} -> {level} {stage}"),
    "progress_described": N_("  described {then} -> {now} (the share of the facts the rules need "
                          "that the file gives)"),
    "share": "{value} %",
    "no_score": N_("n/a"),
    "progress_fixed": N_("  fixed ({n}):"),
    "progress_new": N_("  new ({n}):"),
    "progress_open": N_("  still open ({n}):"),
    "progress_unjudged": N_("  no longer judged ({n}): the file no longer gives the facts, or the "
                         "rule no longer applies"),
    "progress_regressed": N_("  values that regressed ({n}):"),
    "progress_waits": N_("  longer worst-case waits ({n}):"),
    "progress_finding": "    {rule_id} {severity:<8} {path}  {title}",
    "progress_value": N_("    {label} at {key}: {then} -> {now}{fired}"),
    "progress_value_gone": N_("    {label} at {key}: {then} -> no longer described"),
    "progress_fired": N_(" (the rule fired both times: {rules})"),
    "progress_wait": N_("    {metric}, {priority} on {channel}: {then} -> {now} (target {target})"),
    "progress_nothing": N_("  no change in findings, values or waits"),
    "progress_imported": N_("  (an imported report keeps no values or waits: only findings are "
                         "compared)"),
})

HTML_CUTS: Phrases = Phrases({
    "explanations": N_("the why / fix / sources of each finding in every unit (each rule is "
                    "explained once, at the end)"),
    "charts": N_("each unit's category chart (the portfolio table has its scores)"),
    "detail": N_("each unit's findings in detail (its action plan still names every finding and "
              "where it is; legal references and waiver notes are in the JSON report)"),
    "compact": N_("each action's priority formula and its other places, what each rule asks for "
               "a missing fact, and the titles of notes and passed rules"),
    "actions": nN_("{n} plan actions after the first {keep} of each unit",
                   "{n} plan actions after the first {keep} of each unit"),
})

MD_CUTS: Phrases = Phrases({
    "matrix": N_("the rules x units matrix (each rule's counts are shown instead)"),
    "summaries": N_("each unit's action plan and category table (each unit keeps its summary and "
                 "next three things to do)"),
    "sections": N_("the section of each unit (the overview above lists every unit)"),
    "progress": N_("the progress of each unit item by item, and the trend drawings"),
    "progress_changed": N_("the progress of each unit item by item, the trend drawings and the "
                        "units without any change"),
    "portfolio": N_("the rules x units matrix and all but five shared findings"),
    "overview": N_("the category columns of the overview"),
})

__all__ = ["HTML_CUTS", "MD_CUTS", "PORTFOLIO", "PROGRESS"]
