"""The built-in rule files as read last time, kept on disk so a one-file check need not parse
and validate 74 YAML files again.

Reading the rule files (YAML with positions, then the rule schema) costs more than auditing a
file. Their content only changes with the files, so it is kept in `$CXAUDIT_CACHE_DIR` (as
for the holiday cache) under a name made from the cxaudit version and every rule file's name,
size and modification time: a changed file is a different cache. The copy is JSON (dates as
`{"$date": "YYYY-MM-DD"}`), never code; it is compiled like a freshly read file, and any rule
that does not compile from it is read from its file again, so mistakes are reported with their
line. Custom packs are always read from their files. `CXAUDIT_NO_CACHE=1` turns it off; a
cache that cannot be read or written is ignored.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cxaudit.document import kept


def load(files: Sequence[Path]) -> dict[str, Any]:
    """The content of each file as cached (by path), or nothing when there is no fresh copy."""
    data = kept.read(kept.named_for("rules", files), {})
    return data if isinstance(data, dict) else {}


def save(files: Sequence[Path], contents: dict[str, Any]) -> None:
    """Keep the content of the rule files for the next run (written atomically)."""
    kept.write(kept.named_for("rules", files), contents)
