"""Policy: what the project decides about an audit, besides the rules themselves.

Owns the configuration (`config`, `tomlconfig`), which rules run with which severity and
parameters (`settings`), waivers, baselines and the one pass that marks suppressed findings
(`waivers`, `baseline`, `suppression`). May import `cxaudit.rules` and below; independent of
`cxaudit.engine`.
"""
