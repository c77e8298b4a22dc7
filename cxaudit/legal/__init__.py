"""Legal reference data: which law applies where, and since when.

Owns loading and checking the versioned tables under `rules/data/legal/` (`tables`) and the
shape of their rows (`shape`). The checks that compare a policy with these rows live in
`cxaudit.checks`. May import `cxaudit.model`, `cxaudit.document` and the base modules;
independent of `cxaudit.clock`.
"""
