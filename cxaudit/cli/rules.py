"""`cxaudit rules list / show / test`: the commands for rule authors."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, List, Optional

import typer

rules_app = typer.Typer(help="List, explain and test rules (built-in and custom packs).",
                        no_args_is_help=True, rich_markup_mode=None)


def _load(extra: List[Path], builtin: bool = True) -> tuple[Any, ...]:
    from cxaudit.errors import CxauditError
    from cxaudit.rules.packs import load_packs

    try:
        return load_packs([str(p) for p in extra], builtin=builtin)
    except CxauditError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None


@rules_app.command("list")
def rules_list(
    category: Optional[str] = typer.Option(None, "--category", "-c", help="Only this category."),
    severity: Optional[str] = typer.Option(None, "--severity", "-s", help="Only this severity."),
    tag: Optional[str] = typer.Option(None, "--tag", "-t", help="Only rules with this tag."),
    fmt: str = typer.Option("text", "--format", "-f", help="text, md or json."),
    rules: List[Path] = typer.Option([], "--rules", "-r", help="Extra rule pack directory."),
) -> None:
    """List rules with their severity, impact and effort."""
    from cxaudit.report.ruledocs import filter_rules, list_json, list_markdown, list_text

    writers = {"text": list_text, "md": list_markdown, "json": list_json}
    if fmt not in writers:
        typer.echo(f"unknown format {fmt!r}; use text, md or json", err=True)
        raise typer.Exit(2)
    sys.stdout.write(writers[fmt](filter_rules(_load(rules), category, severity, tag)))


@rules_app.command("show")
def rules_show(
    rule_id: str = typer.Argument(..., help="A rule id such as RET-003."),
    rules: List[Path] = typer.Option([], "--rules", "-r", help="Extra rule pack directory."),
) -> None:
    """Explain one rule: why, fix, sources, parameters and examples."""
    import difflib

    from cxaudit.report.ruledocs import show_text

    loaded = {r.id: r for r in _load(rules)}
    rule = loaded.get(rule_id.upper())
    if rule is None:
        close = difflib.get_close_matches(rule_id.upper(), list(loaded), n=1)
        typer.echo(f"unknown rule {rule_id!r}" + (f"; did you mean {close[0]}?" if close else ""),
                   err=True)
        raise typer.Exit(2)
    sys.stdout.write(show_text(rule))


@rules_app.command("test")
def rules_test(
    directory: Optional[Path] = typer.Argument(None, help="A rule pack directory; the built-in "
                                               "rules when absent."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Show passing examples too."),
) -> None:
    """Run every rule's examples; fail when one misbehaves or a rule lacks a pass or fail example."""
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
    raise typer.Exit(1 if failed else 0)
