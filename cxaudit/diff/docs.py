"""The direction table as Markdown, for the README (a test keeps the two equal)."""

from __future__ import annotations

from cxaudit.compare.fields import ROWS, Row

_DIRECTION_TEXT = {
    "lower-is-better": "lower is better", "higher-is-better": "higher is better",
    "true-is-better": "true is better", "false-is-better": "false is better",
    "presence-is-better": "presence is better", "absence-is-better": "absence is better",
    "neutral": "neutral",
}


def _direction(row: Row) -> str:
    text = _DIRECTION_TEXT[row.direction]
    if row.kind == "enum" and row.direction != "neutral":
        return " < ".join(g.replace("|", " = ") for g in row.order) + " (best last)"
    if row.kind in ("set", "closures") and row.direction == "presence-is-better":
        return "an item removed is worse"
    if row.kind in ("set", "closures") and row.direction == "absence-is-better":
        return "an item added is worse"
    return text


def direction_table() -> str:
    """One Markdown row per field: path, kind, direction, severity of a regression, if absent."""
    lines = [("| field | what | compared as | better for the customer | regression severity "
             "| if not described |"), "|---|---|---|---|---|---|"]
    for row in ROWS:
        absent = {"worse": "worse", "better": "better (e.g. no fee)", "neutral": "neutral"}
        lines.append(f"| `{row.pattern}` | {row.label} | {row.kind} | {_direction(row)} | "
                     f"{row.severity} | {absent[row.absent]} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # python -m cxaudit.diff.docs > table.md
    print(direction_table(), end="")
