"""The engine: running rules on a unit and turning results into a plan.

Owns evaluating each rule on one unit into findings (`run`), the one place a finding's severity
is decided (`severity`), the action plan and the score (`plan`), the maturity stage
(`maturity`) and running the examples a rule carries (`examples`). May import `cxaudit.rules`,
`cxaudit.checks` and below; independent of `cxaudit.policy`.
"""
