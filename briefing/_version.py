"""The version of briefing, imported by everyone who needs it."""

__version__ = "0.1.0"
