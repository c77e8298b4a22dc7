"""`cxaudit diff`: did a change to a process description make the service worse?

    run.diff(OLD, NEW)  -> sides (file or REV:path) -> load, validate, normalise
                        -> compare.flatten + compare.judge (the declared direction per field)
                        -> compare.waitdiff (worst-case waits with one as-of date)
                        -> findingdiff (audit both sides, introduced / resolved)
                        -> result.DiffResult -> render (text, md, json)

The declared directions are data (`cxaudit/compare/fields.yaml`). Orchestrates an audit of
each side through `cxaudit.api`, and renders with `cxaudit.report`'s template environment; may
import `cxaudit.importers` (for a helpdesk side) and everything below the CLI.
"""

from cxaudit.diff.result import DiffResult
from cxaudit.diff.run import DiffOptions, diff

__all__ = ["DiffOptions", "DiffResult", "diff"]
