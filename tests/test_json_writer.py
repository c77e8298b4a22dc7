"""The JSON writer gives the very bytes of the standard library's indented, sorted JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from cxaudit.report.jsontext import dumps


def reference(data: Any, sort_keys: bool = True) -> str:
    return json.dumps(data, indent=2, sort_keys=sort_keys, ensure_ascii=False) + "\n"


# what a report holds: any text (control characters, quotes, non-ASCII, emoji), 64-bit
# integers, priorities rounded to two places, booleans and null, nested lists and objects
SCALARS = st.one_of(st.text(), st.integers(-(2 ** 63), 2 ** 63 - 1),
                    st.floats(0, 1000, allow_nan=False).map(lambda x: round(x, 2)),
                    st.booleans(), st.none())
DATA = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=5), st.dictionaries(st.text(max_size=8), inner, max_size=5)),
    max_leaves=40)


@settings(max_examples=400, deadline=None)
@given(DATA)
def test_the_same_bytes_as_the_standard_library(data: Any) -> None:
    assert dumps(data) == reference(data)
    assert dumps(data, sort_keys=False) == reference(data, sort_keys=False)


def test_escapes_and_non_ascii_are_written_as_before() -> None:
    data = {"z": "Grüße \"quoted\" \\ \n\t\x00\x1f\x7f \u2028 😀", "a": [], "m": {}, "l": [{}]}
    assert dumps(data) == reference(data)
    assert '"Grüße' in dumps(data)  # non-ASCII is kept, never \u-escaped


def test_what_orjson_refuses_is_written_by_the_standard_library() -> None:
    for data in ({"big": 2 ** 70}, {"keys": {1: "an integer key"}}, {"tuple": (1, 2)}):
        assert dumps(data) == reference(data)


def test_the_report_written_unit_by_unit_is_the_report_built_whole(tmp_path: Path) -> None:
    from conftest import EXAMPLES

    from cxaudit.api import Options, audit
    from cxaudit.report.json_report import build, chunks, render

    broken = tmp_path / "broken.yaml"
    broken.write_text("apiVersion: cxaudit/v1\nkind: CustomerServiceProcess\nprocess: [\n",
                      encoding="utf-8")
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text("waivers:\n  - {rule: RESP-004, reason: r, owner: o, expires: "
                       "2099-01-01}\n", encoding="utf-8")
    runs = [audit([EXAMPLES]), audit([broken]), audit([EXAMPLES / "online-shop.yaml", broken],
                                                      Options(waivers=str(waivers)))]
    for result in runs:
        whole = reference(build(result))
        assert render(result) == whole
        assert len(list(chunks(result))) > 2 + len(result.units)  # pieces, not one text
    assert '"units": []' in render(runs[1])


@settings(max_examples=150, deadline=None)
@given(DATA, st.integers(min_value=0, max_value=3))
def test_a_value_written_in_pieces_is_the_value_written_whole(data: Any, depth: int) -> None:
    """The portfolio block is written a list item at a time; the bytes are those of one
    `dumps` at the same indentation."""
    from cxaudit.report.json_report import _indented, _streamed

    assert "".join(_streamed(data, "  ", depth)) == _indented(data, "  ")


@settings(max_examples=150, deadline=None)
@given(st.lists(DATA, min_size=1, max_size=6))
def test_a_units_entries_written_at_once_are_the_entries_written_one_by_one(
        entries: list[Any]) -> None:
    from cxaudit.report.json_report import _indented, _items

    assert _items(entries) == ",\n    ".join(_indented(e, "    ") for e in entries)
