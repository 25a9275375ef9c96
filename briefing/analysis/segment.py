"""A read Document made ready for analysis: its language, then its sentences."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from briefing.model import Document


def segment(doc: Document) -> Document:
    """Detect ``doc``'s language unless its reader found it, then split its sentences.

    A language without analysis rules gets a warning in ``doc.warnings``.
    Returns ``doc`` (changed in place).
    """
    from briefing.analysis.language import UNDETERMINED, detect, supported
    from briefing.analysis.sentences import segment_document

    if doc.language is None:
        code = detect("\n".join([doc.title, *(b.text for b in doc.blocks)])).code
        doc.language = None if code == UNDETERMINED else code
    if doc.language is not None and not supported(doc.language):
        doc.warnings.append(f"language '{doc.language}' has no analysis rules here: "
                            "sentences and key terms use generic rules")
    return segment_document(doc)
