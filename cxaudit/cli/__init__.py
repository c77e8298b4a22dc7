"""The command line: one module per command, one error boundary.

Each command turns its options into settings, calls one function of `cxaudit.api` (or
`cxaudit.diff`, `cxaudit.importers`, `cxaudit.history`), renders and exits with the result's
code; an error the user can fix, or a bug, is caught only in `boundary`. May import every
other package; nothing imports it.
"""

from __future__ import annotations

from cxaudit.cli.app import app, main

__all__ = ["app", "main"]
