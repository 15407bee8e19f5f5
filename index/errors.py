"""Named exceptions for the failures we expect, so callers can report them in one line."""

from __future__ import annotations


class MinutesBotError(Exception):
    """Base for every failure we expect and report to the user in one line."""


class SourceError(MinutesBotError):
    """A minutes file could not be read or decoded. ``path`` names the file."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class EmptySourceError(SourceError):
    def __init__(self, path: str) -> None:
        super().__init__(path, "empty file")


class BinarySourceError(SourceError):
    def __init__(self, path: str) -> None:
        super().__init__(path, "binary file, not minutes text, HTML or PDF")


class NoAgendaStructureError(SourceError):
    def __init__(self, path: str) -> None:
        super().__init__(path, "no recognisable agenda items or decisions")


class ConfigError(MinutesBotError):
    """A required setting is missing or malformed; the message names the variable."""
