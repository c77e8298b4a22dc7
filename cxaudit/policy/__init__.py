"""Policy: what the project decides about an audit, besides the rules themselves.

Owns the configuration (`config`, `tomlconfig`), which rules run with which severity and
parameters (`settings`), waivers, baselines and the one pass that marks suppressed findings
(`waivers`, `baseline`, `suppression`; `baseline_match` tells a baselined finding that got
worse, by the judgement `cxaudit.compare` gives `diff`). May import `cxaudit.rules`,
`cxaudit.compare` and below; independent of `cxaudit.engine`.
"""
