"""Typography: fonts parsed once, per-run fallback, bidi and glyph checks.

Used by the charts and the writers alike, so it sits beneath both.
"""
