"""Where bundled files live: inside the wheel, or next to the package in a source checkout."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path


@cache  # asked for by every legal rule on every unit; the answer never changes in a process
def _bundled(name: str) -> Path:
    packaged = Path(str(resources.files("cxaudit") / "_bundled" / name))
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[1] / name  # source checkout or editable install


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
    return (resources.files("cxaudit") / "schema" / name).read_text(encoding="utf-8")
