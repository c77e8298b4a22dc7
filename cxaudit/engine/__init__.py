"""The engine: running rules on a unit and turning results into a plan.

Owns evaluating each rule on one unit into findings with their messages (`run`), the one place
a finding's severity is decided (`severity`), the action plan and the score (`plan`), the
maturity stage (`maturity`), running the examples a rule carries (`examples`) and how a rule
ended for a unit in one word (`outcomes`: what the portfolio matrices and the history compare).
May import `cxaudit.rules`, `cxaudit.checks` and below; independent of `cxaudit.policy`.
"""
