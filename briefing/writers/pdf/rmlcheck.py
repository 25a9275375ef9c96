"""Strictness for RML: z3c.rml ignores attributes it does not know.

``ABORT_ON_INVALID_DIRECTIVE`` makes unknown *tags* fail, but a misspelt
attribute (``pageSize`` for ``pagesize``) is silently dropped and the page
comes out the wrong size.  This walks the RML tree along z3c.rml's own
directive classes and reports the first attribute their signatures lack.
"""

from __future__ import annotations

from typing import Any

from briefing.errors import TemplateError


def check_attributes(root: Any) -> None:
    """Raise TemplateError naming the first unknown attribute in ``root``."""
    import zope.schema
    from z3c.rml import document

    def walk(element: Any, directive: type[Any]) -> None:
        known = set(zope.schema.getFieldNames(directive.signature))
        for name in element.attrib:
            if not name.startswith("{") and name not in known:
                raise TemplateError(
                    f"the template produced RML with an unknown attribute '{name}' on "
                    f"<{element.tag}> (line {element.sourceline}); known: {', '.join(sorted(known))}"
                )
        factories = getattr(directive, "factories", None) or {}
        for child in element:
            if isinstance(child.tag, str) and child.tag in factories:
                walk(child, factories[child.tag])

    walk(root, document.Document)
