"""`cxaudit rules list / show / test / stamp`: the commands for rule authors and translators."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, List, Optional

import typer

from cxaudit.cli.common import lang_option

rules_app = typer.Typer(help="List, explain and test rules (built-in and custom packs).",
                        no_args_is_help=True, rich_markup_mode=None)


def _load(extra: List[Path], builtin: bool = True, language: str = "en") -> tuple[Any, ...]:
    from cxaudit.errors import CxauditError
    from cxaudit.rules.packs import load_packs

    try:
        return load_packs([str(p) for p in extra], builtin=builtin, language=language)
    except CxauditError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None


def _language(lang: Optional[str]) -> str:
    """--lang, else the configuration's `language`, else English."""
    from cxaudit.cli.common import fail, language_of
    from cxaudit.errors import CxauditError

    try:
        return language_of(lang)
    except CxauditError as exc:
        fail(exc)


@rules_app.command("list")
def rules_list(
    category: Optional[str] = typer.Option(None, "--category", "-c", help="Only this category."),
    severity: Optional[str] = typer.Option(None, "--severity", "-s", help="Only this severity."),
    tag: Optional[str] = typer.Option(None, "--tag", "-t", help="Only rules with this tag."),
    fmt: str = typer.Option("text", "--format", "-f", help="text, md or json."),
    rules: List[Path] = typer.Option([], "--rules", "-r", help="Extra rule pack directory."),
    lang: Optional[str] = lang_option(),
) -> None:
    """List rules with their severity, impact and effort."""
    from cxaudit.i18n import speaking
    from cxaudit.report.ruledocs import filter_rules, list_json, list_markdown, list_text

    writers = {"text": list_text, "md": list_markdown, "json": list_json}
    if fmt not in writers:
        typer.echo(f"unknown format {fmt!r}; use text, md or json", err=True)
        raise typer.Exit(2)
    language = _language(lang)
    with speaking(language):
        sys.stdout.write(writers[fmt](filter_rules(_load(rules, language=language), category,
                                                   severity, tag)))


@rules_app.command("show")
def rules_show(
    rule_id: str = typer.Argument(..., help="A rule id such as RET-003."),
    rules: List[Path] = typer.Option([], "--rules", "-r", help="Extra rule pack directory."),
    lang: Optional[str] = lang_option(),
) -> None:
    """Explain one rule: why, fix, sources, parameters and examples."""
    import difflib

    from cxaudit.i18n import _, speaking
    from cxaudit.report.ruledocs import show_text

    language = _language(lang)
    with speaking(language):
        loaded = {r.id: r for r in _load(rules, language=language)}
        rule = loaded.get(rule_id.upper())
        if rule is None:
            close = difflib.get_close_matches(rule_id.upper(), list(loaded), n=1)
            typer.echo(_("unknown rule %(id)r") % {"id": rule_id}
                       + ("; " + _("did you mean %(id)s?") % {"id": close[0]} if close else ""),
                       err=True)
            raise typer.Exit(2)
        sys.stdout.write(show_text(rule))


@rules_app.command("test")
def rules_test(
    directory: Optional[Path] = typer.Argument(None, help="A rule pack directory; the built-in "
                                               "rules when absent."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Show passing examples too."),
    lang: Optional[str] = typer.Option(None, "--lang", metavar="uk|ru|...",
                                       help="Also check the pack's texts in this language: "
                                       "report every text without a translation, and every "
                                       "translation made from an older English text."),
) -> None:
    """Run every rule's examples; fail when one misbehaves or a rule lacks a pass or fail example.

    With --lang, also fail when a text of the pack has no translation in that language or its
    translation was made from an English text that has changed since (`cxaudit rules stamp`).
    """
    from cxaudit.engine.examples import run_examples
    from cxaudit.terminal import clean, guard

    pack = _load([directory], builtin=False) if directory is not None else _load([])
    context = pack if directory is None else tuple(_load([directory]))
    ids = {r.id for r in pack}
    results = [r for r in run_examples(context) if r.rule_id in ids]
    failed = [r for r in results if not r.ok]
    for r in results:
        if verbose or not r.ok:
            typer.echo(guard(f"{'ok  ' if r.ok else 'FAIL'} {clean(r.rule_id)}: {clean(r.name)}"
                             + ("" if r.ok else f"\n     {clean(r.detail)}")))
    typer.echo(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    gaps = 0 if lang is None else _report_gaps(directory, pack, lang.strip().lower())
    raise typer.Exit(1 if failed or gaps else 0)


def _pack_dirs(directory: Optional[Path], pack: tuple[Any, ...]) -> list[tuple[Path, list[Any]]]:
    """Each pack directory with its rules (the built-in packs when no directory is given)."""
    if directory is not None:
        return [(directory, list(pack))]
    from cxaudit import resources

    root = resources.rules_dir()
    return [(root / name, [r for r in pack if r.pack == name])
            for name in sorted({r.pack for r in pack})]


def _report_gaps(directory: Optional[Path], pack: tuple[Any, ...], language: str) -> int:
    """Print every missing or stale translation of the pack's texts; how many there are."""
    from cxaudit.errors import CxauditError
    from cxaudit.rules.translations import gaps
    from cxaudit.terminal import clean, guard

    found = []
    try:
        for pack_dir, rules in _pack_dirs(directory, pack):
            found += gaps(pack_dir, rules, language)
    except CxauditError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None
    for g in found:
        where = f"{g.file}:{g.line}:{g.column}" if g.line else g.file
        what = "no translation" if g.kind == "missing" else \
            "translated from an older English text (update it, then `cxaudit rules stamp`)"
        typer.echo(guard(f"{clean(where)}: {g.rule_id} {g.key}: {what}"))
    count = len({r.id for r in pack})
    typer.echo(f"{language}: {len(found)} text(s) of {count} rule(s) missing or stale"
               + ("" if found else "; every text is translated, finding sentences included"))
    return len(found)


@rules_app.command("stamp")
def rules_stamp(
    directory: Path = typer.Argument(..., help="The rule pack whose i18n/LANG.yaml to stamp."),
    lang: str = typer.Option(..., "--lang", metavar="uk|ru|...",
                             help="The language file to stamp."),
    rule: List[str] = typer.Option([], "--rule", metavar="ID",
                                   help="Stamp only this rule (repeatable); default: every "
                                   "rule the file translates."),
) -> None:
    """Record that the translations are up to date with today's English texts.

    Writes one `translated_from:` line per rule into DIRECTORY/i18n/LANG.yaml: a short hash of
    each English text a translation covers. When an English text changes later, `cxaudit rules
    test --lang LANG` reports its translation as stale until it is updated and stamped again.
    Run it after reviewing the translations; nothing else in the file changes.
    """
    from cxaudit.cli.writing import write_report
    from cxaudit.errors import CxauditError
    from cxaudit.rules.packs import load_pack
    from cxaudit.rules.stamp import stamped
    from cxaudit.rules.translations import check, load_translation, translation_path
    from cxaudit.terminal import clean

    code = lang.strip().lower()
    path = translation_path(directory, code)
    try:
        rules = load_pack(directory)
        translation = load_translation(path, code)
        check(translation, rules)
        text, done = stamped(path.read_text(encoding="utf-8"), translation, rules,
                             {r.upper() for r in rule})
        write_report(path, text, "translation")
    except CxauditError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None
    typer.echo(f"stamped {len(done)} rule(s) in {clean(str(path))}", err=True)
