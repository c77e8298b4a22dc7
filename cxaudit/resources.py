"""Where bundled files live: inside the wheel, or next to the package in a source checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path

# The package's own folder. (importlib.resources.files would give the same path for an
# installed package, after importing zipfile and its readers: ~2 ms of every cold start.)
HOME = Path(__file__).resolve().parent


@cache  # asked for by every legal rule on every unit; the answer never changes in a process
def _bundled(name: str) -> Path:
    packaged = HOME / "_bundled" / name
    if packaged.is_dir():
        return packaged
    return HOME.parent / name  # source checkout or editable install


def rules_dir() -> Path:
    """The built-in rule packs (`rules/`)."""
    return _bundled("rules")


def reports_dir() -> Path:
    """The built-in report templates (`reports/`)."""
    return _bundled("reports")


def examples_dir() -> Path:
    """The bundled example process files (`examples/`)."""
    return _bundled("examples")


def schema_text(name: str) -> str:
    """A JSON Schema shipped in cxaudit/schema."""
    return (HOME / "schema" / name).read_text(encoding="utf-8")
