"""Errors that reach the user.

Every failure a user can cause (a missing file, an unreadable encoding, a brief
file with a wrong field) raises a :class:`BriefingError` subclass.  The CLI
prints ``str(error)`` as one line on stderr and exits with ``exit_code``; any
other exception is a bug and is only shown with ``--debug``.
"""

from __future__ import annotations


class BriefingError(Exception):
    """Base class of every error meant for the user."""

    exit_code = 1


class InputError(BriefingError):
    """An input document cannot be read or makes no sense."""


class UnsupportedFormat(InputError):
    """No reader is registered for the input's extension."""


class BriefValidationError(InputError):
    """A brief file (YAML or JSON) does not match the schema.

    ``field`` is the dotted path of the offending field, ``line`` its 1-based
    line in the file when known.
    """

    def __init__(self, path: str, field: str, message: str, line: int | None = None):
        self.path = path
        self.field = field
        self.line = line
        self.message = message
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: field '{field}': {message}")


class UsageError(BriefingError):
    """The command was given options or inputs that do not go together."""

    exit_code = 2


class ConfigError(BriefingError):
    """A house-style or template setting is wrong."""


class TemplateError(BriefingError):
    """A template cannot be found or fails to render."""


class OutputError(BriefingError):
    """The output cannot be written where it was asked to go."""
