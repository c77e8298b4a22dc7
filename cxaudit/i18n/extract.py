"""Keep the gettext catalogs in step with the code: `python -m cxaudit.i18n.extract`.

Collects every sentence marked for translation (`_`, `ngettext`, `pgettext`, `N_` and the
formatting helpers in Python; `_()` and `{% trans %}` in the Jinja templates; the texts of the
bundled data files that reports show, such as the maturity stages) with Babel's extractors,
then updates `cxaudit/locales/<lang>/LC_MESSAGES/cxaudit.po` for every language: new sentences
arrive untranslated, a changed English sentence keeps its old translation marked fuzzy (not
shown until a translator confirms it), and sentences no longer used are dropped. Translators
edit the `.po` files; `tests/test_i18n_catalogs.py` fails while any sentence lacks a
translation. Needs Babel only, which cxaudit depends on.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("uk", "ru")
KEYWORDS: dict[str, Any] = {
    "_": None, "gettext": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2),
    "_n": (2, 3), "count": (2, 3), "nN_": (1, 2),
}
# (pattern, method, options): which files hold sentences, and how to read them
METHODS = [
    ("cxaudit/**/*.py", "python", {}),
    ("reports/**/*.j2", "jinja2", {"extensions": "jinja2.ext.i18n", "newstyle_gettext": "true"}),
    ("rules/data/maturity.yaml", "cxaudit.i18n.extract:extract_yaml",
     {"keys": "name means note model"}),
    ("rules/data/calendars.yaml", "cxaudit.i18n.extract:extract_yaml", {"keys": "summary"}),
    ("cxaudit/compare/fields.yaml", "cxaudit.i18n.extract:extract_yaml", {"keys": "label"}),
    # the parts of finding sentences that come from data: a sector's typical failures and
    # announcements, and what a legal table says about a deadline or a dispute body
    ("rules/data/sectors.yaml", "cxaudit.i18n.extract:extract_yaml", {"keys": "name"}),
    ("rules/data/legal/*.yaml", "cxaudit.i18n.extract:extract_yaml",
     {"keys": "about after_deadline body"}),
]


def extract_yaml(fileobj: IO[bytes], keywords: Any, comment_tags: Any,
                 options: dict[str, Any]) -> Iterator[tuple[int, str, str, list[str]]]:
    """Babel extractor for data files: every text under one of `options["keys"]`, with its
    white space folded as the code that shows it folds it."""
    import yaml

    keys = set(str(options.get("keys", "")).split())
    root = yaml.compose(fileobj.read().decode("utf-8"))
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if isinstance(v, yaml.ScalarNode) and k.value in keys and v.value.strip():
                    yield v.start_mark.line + 1, "_", " ".join(v.value.split()), []
                else:
                    stack.append(v)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


def template(root: Path = ROOT) -> Any:
    """Every translatable sentence of cxaudit as a Babel catalog (the `.pot`), read from the
    checkout at `root` (an installed package has no `reports/` or `rules/` beside it)."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_file

    catalog = Catalog(project="cxaudit", domain="cxaudit", charset="utf-8")
    for pattern, method, options in METHODS:
        for path in sorted(root.glob(pattern)):
            rel = path.relative_to(root).as_posix()
            if "_bundled" in rel:
                continue
            for line, message, comments, context in extract_from_file(
                    method, str(path), keywords=KEYWORDS, options=options):
                catalog.add(message, None, [(rel, line)], auto_comments=comments,
                            context=context)
    return catalog


def update(lang: str, pot: Any) -> Path:
    """Bring the catalog of `lang` up to date with `pot` and write it atomically."""
    import os
    import tempfile

    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po

    from cxaudit.i18n.catalog import po_path

    path = po_path(lang)
    if path.is_file():
        with path.open("rb") as f:
            catalog = read_po(f, locale=lang, domain="cxaudit")
    else:
        catalog = Catalog(locale=lang, domain="cxaudit", project="cxaudit")
    for message in catalog:
        # Babel reads the `#| msgid` lines it writes back as translator comments `# | msgid`,
        # which would pile up on every run: drop them (update marks the new ones afresh)
        message.user_comments = [c for c in message.user_comments if not c.startswith("|")]
    catalog.update(pot, update_header_comment=False)
    catalog.obsolete.clear()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(fd, "wb") as out:
        write_po(out, catalog, width=100, omit_header=False, sort_output=True,
                 include_previous=True, ignore_obsolete=True)
    os.replace(tmp, path)
    return path


def main() -> int:
    """Update every catalog; print what is left to translate."""
    pot = template()
    for lang in LANGUAGES:
        path = update(lang, pot)
        from babel.messages.pofile import read_po

        with path.open("rb") as f:
            catalog = read_po(f, locale=lang)
        todo = sum(1 for m in catalog if m.id and (m.fuzzy or not m.string or
                                                   (isinstance(m.string, tuple)
                                                    and not all(m.string))))
        print(f"{path.relative_to(ROOT)}: {len(pot)} sentences, {todo} to translate")
    return 0


if __name__ == "__main__":
    sys.exit(main())
