"""Sector templates: answers files shipped in the package, one per sector."""

from __future__ import annotations

import difflib
from importlib import resources
from pathlib import Path

from cxaudit.errors import UsageError
from cxaudit.i18n import _, did_you_mean

# other names people use for a template (the sector words of the vocabulary among them)
ALIASES = {"retail": "online-shop", "shop": "online-shop", "ecommerce": "online-shop",
           "retail_ecommerce": "online-shop", "webshop": "online-shop", "saas": "b2b-saas",
           "saas_b2b": "b2b-saas", "software": "b2b-saas", "telco": "telecom",
           "banking": "bank", "hospitality": "hotel", "energy": "utility",
           "utilities": "utility", "food": "restaurant", "movie-theater": "cinema"}


def _dir() -> Path:
    return Path(str(resources.files("cxaudit.init") / "templates"))


def names() -> list[str]:
    """The templates, by name."""
    return sorted(p.stem for p in _dir().glob("*.yaml"))


def description(name: str) -> str:
    """The template's first comment paragraph: what kind of unit it starts."""
    lines = []
    for line in (_dir() / f"{name}.yaml").read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        lines.append(line.lstrip("# ").strip())
    return " ".join(lines)


def path(name: str) -> Path:
    """The answers file of template `name` (or an alias); UsageError naming the known ones."""
    key = name.strip().lower().replace(" ", "-")
    key = ALIASES.get(key, ALIASES.get(key.replace("-", "_"), key))
    if key in names():
        return _dir() / f"{key}.yaml"
    close = difflib.get_close_matches(key, [*names(), *ALIASES], n=1, cutoff=0.6)
    mean = did_you_mean(ALIASES.get(close[0], close[0])) + " " if close else ""
    raise UsageError.at("--template", 0, 0, _("no template is called {name!r}").format(
        name=name), mean + _("known: {names}").format(names=", ".join(names())))
