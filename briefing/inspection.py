"""What ``briefing inspect`` shows about a Document."""

from __future__ import annotations

from typing import Any

from briefing.model import Document


def describe(doc: Document) -> dict[str, Any]:
    """A JSON-ready description of what was read."""
    paragraphs = doc.paragraphs
    return {
        "path": doc.path,
        "title": doc.title,
        "subtitle": doc.subtitle,
        "label": doc.label,
        "site": doc.site,
        "author": doc.author,
        "date": doc.date,
        "language": doc.language,
        "encoding": doc.encoding,
        "sha256": doc.sha256,
        "metadata": dict(doc.metadata),
        "headings": [{"level": h.level, "text": h.text} for h in doc.headings],
        "paragraphs": len(paragraphs),
        "sentences": sum(len(b.sentences) for b in paragraphs),
        "words": doc.word_count,
        "chrome": list(doc.chrome),
        "warnings": list(doc.warnings),
    }


def report(doc: Document) -> str:
    """A readable report for the terminal."""
    d = describe(doc)
    lines = [f"{d['path']}", f"  title:      {d['title']}"]
    for key in ("subtitle", "label", "site", "author", "date", "language", "encoding"):
        if d[key]:
            lines.append(f"  {key + ':':<11} {d[key]}")
    lines.append(f"  counts:     {d['paragraphs']} paragraphs, {d['sentences']} sentences, {d['words']} words")
    if d["metadata"]:
        lines.append("  metadata found in chrome:")
        lines += [f"    {k}: {v}" for k, v in sorted(d["metadata"].items())]
    lines.append(f"  headings ({len(d['headings'])}):")
    lines += [f"    {'  ' * (h['level'] - 1)}{h['text']}" for h in d["headings"]]
    if d["chrome"]:
        lines.append(f"  set aside as chrome ({len(d['chrome'])} lines):")
        lines += [f"    | {line}" for line in d["chrome"]]
    for warning in d["warnings"]:
        lines.append(f"  warning: {warning}")
    return "\n".join(lines)
