"""Latin-alphabet words in a report that should read entirely in Ukrainian or Russian.

What may stay in Latin letters, and why:
- rule ids (RESP-001), file paths, YAML keys and document paths, and anything in backticks or
  <code>: the reader types them into the file as they are;
- the user's own text: every key and value of the audited file (unit names, channel ids...),
  also where a narrow column cuts it short with an ellipsis;
- the acronyms of the trade that Ukrainian and Russian writing uses as they are (SLA, NPS, CSAT,
  CES, CX, and CRM, API, ISO, QR, eNPS, which the glossaries of both languages admit: there is no
  Cyrillic word a client's manager would recognise instead), format and product names that are
  proper names (cxaudit, HTML, JSON, YAML, GitHub), the publisher of the maturity model the
  report cites by name (Qualtrics XM Institute), and regulators by their own names (FCA,
  Ofcom), as the glossaries prescribe;
- the values the file's vocabulary allows (`free`, `standard_rate`, `receipt`): a sentence that
  asks for a fact lists the values the reader may type, as YAML keys are;
- sources that are English texts (standards, studies, EU and UK law, Polish law by its own
  Polish name): a source is cited as it names itself, and the report does not invent titles;
  this holds for every statute of the legal tables a finding cites, not only its first one;
  seed articles are quoted in the original, including the English words their authors used.

Finding messages are counted like everything else: every sentence a finding says comes from
the rule files' translations.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from typing import Any

from cxaudit.result import AuditResult

ALLOWED = {"SLA", "NPS", "CSAT", "CES", "CX", "CRM", "API", "ISO", "QR", "eNPS",
           "cxaudit", "HTML", "JSON", "YAML", "GitHub", "Qualtrics", "XM", "Institute",
           "FCA", "Ofcom"}
_WORD = re.compile(r"[A-Za-z][A-Za-z_'’]*")


def _keys_and_values(data: Any) -> Iterable[str]:
    if isinstance(data, dict):
        for k, v in data.items():
            yield str(k)
            yield from _keys_and_values(v)
    elif isinstance(data, list):
        for v in data:
            yield from _keys_and_values(v)
    elif data is not None:
        yield str(data)


def _schema_keys(schema: Any) -> Iterable[str]:
    if isinstance(schema, dict):
        for k, v in schema.items():
            if k == "properties" and isinstance(v, dict):
                yield from v
            yield from _schema_keys(v)
    elif isinstance(schema, list):
        for v in schema:
            yield from _schema_keys(v)


def _flat(text: str) -> str:
    """White space folded, and a line broken after a hyphen joined again (textwrap does that)."""
    return re.sub(r"-\s+", "-", " ".join(text.split()))


def _statutes() -> set[str]:
    """Every statute the bundled legal tables cite (and as it names itself), folded."""
    import yaml

    from cxaudit import resources

    out: set[str] = set()
    for path in (resources.rules_dir() / "data" / "legal").glob("*.yaml"):
        stack = [yaml.safe_load(path.read_text(encoding="utf-8"))]
        while stack:
            node = stack.pop()
            if isinstance(node, dict):
                out |= {" ".join(str(v).split()) for k, v in node.items()
                        if k in ("statute", "statute_local") and isinstance(v, str)}
                stack += list(node.values())
            elif isinstance(node, list):
                stack += node
    return out


def exempt_texts(result: AuditResult) -> list[str]:
    """Texts removed before counting: English sources and statutes."""
    from cxaudit.report.seeds import source_label

    out: set[str] = _statutes()
    for unit in result.units:
        for f in unit.findings:
            if f.legal is not None:
                out |= {f.legal.statute, f.legal.statute_local, f.legal.data_version}
    for rule in result.rules.values():
        for s in rule.sources:  # English texts by their titles; seed articles quoted as written
            out.add(source_label(s))
    return sorted((t for t in out if t), key=len, reverse=True)


def latin_words(report: str, fmt: str, result: AuditResult, documents: list[Any]) -> list[str]:
    """The Latin-alphabet words of `report` a reader of Ukrainian or Russian would stumble on."""
    from cxaudit.model.validate import process_schema

    text = report
    if fmt == "html":
        text = re.sub(r"<style>.*?</style>", " ", text, flags=re.S)
        text = re.sub(r"<code[^>]*>.*?</code>", " ", text, flags=re.S)
        text = re.sub(r"<[^>]+>", " ", text)
        text = html.unescape(text)
    if fmt == "md":
        text = re.sub(r"\]\([^)]*\)", "] ", text)  # link targets
        text = re.sub(r"<[^>]+>", " ", text)
        text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|<>~])", r"\1", text)
    text = _flat(text)
    for exempt in exempt_texts(result):
        for form in {exempt, exempt.replace("`", ""), re.sub(r"`[^`]*`", " ", exempt)}:
            text = text.replace(_flat(form), " ")
    text = re.sub(r"`[^`]*`", " ", text)  # YAML the reader types
    text = re.sub(r"https?://\S+", " ", text)
    text = re.sub(r"\S*[/\\]\S*", " ", text)  # file paths
    text = re.sub(r"\b[A-Z]{2,5}-\d{3}\b", " ", text)  # rule ids
    text = re.sub(r"\b[a-z0-9_]+(?:\[[^\]]*\])?(?:\.[a-z0-9_]+(?:\[[^\]]*\])?)+", " ", text)
    from cxaudit.model.terms import TERMS

    known = set(ALLOWED) | set(_schema_keys(process_schema()))
    known |= {v for term in TERMS for v in term.known}
    for doc in documents:
        for item in _keys_and_values(doc):
            known |= set(_WORD.findall(item))
    # a column too narrow for the user's text cuts it with an ellipsis: `Kyiv s…`
    cut = {w for w in re.findall(r"([A-Za-z][A-Za-z_'’]*)…", text)
           if any(k.startswith(w) for k in known)}
    return [w for w in _WORD.findall(text) if w not in known and w not in cut]


def json_texts(report: str) -> list[str]:
    """The human-readable texts of a JSON report (titles and messages), for checks by language."""
    data = json.loads(report)
    return [str(x[k]) for x in data["findings"] for k in ("title",) if x.get(k)]
