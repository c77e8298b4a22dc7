"""`cxaudit diff`: did a change to a process description make the service worse?

    run.diff(OLD, NEW)  -> sides (file or REV:path) -> load, validate, normalise
                        -> flatten + compare (fields.ROWS: the declared direction per field)
                        -> waitdiff (worst-case waits with one as-of date)
                        -> findingdiff (audit both sides, introduced / resolved)
                        -> result.DiffResult -> render (text, md, json)
"""

from cxaudit.diff.result import DiffResult
from cxaudit.diff.run import DiffOptions, diff

__all__ = ["DiffOptions", "DiffResult", "diff"]
