"""Errors that reach the user, each with its exit code (documented in the CLI help)."""

from __future__ import annotations

#: Exit codes of the ``banmian`` command.
EXIT_OK = 0
EXIT_OVERSET = 1  # --strict and overset text or missing glyphs
EXIT_INPUT = 2  # bad YAML, validation error, missing file, bad usage
EXIT_FONT = 3  # a font file missing or unreadable
EXIT_OUTPUT = 4  # the output could not be written


class BanmianError(Exception):
    """Base of every error the CLI reports as one clear line."""

    exit_code = EXIT_INPUT


class IssueError(BanmianError):
    """Invalid issue description: names the file, line and key path."""

    def __init__(self, file: str, line: int | None, path: str, message: str) -> None:
        self.file, self.line, self.path, self.message = file, line, path, message
        super().__init__(str(self))

    def __reduce__(self) -> tuple[type[IssueError], tuple[str, int | None, str, str]]:
        """Pickled with its four parts (raised in a worker process laying out a page)."""
        return IssueError, (self.file, self.line, self.path, self.message)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where} {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class FontError(BanmianError):
    """A font file is missing or cannot be read."""

    exit_code = EXIT_FONT


class OutputError(BanmianError):
    """The output file could not be written."""

    exit_code = EXIT_OUTPUT


class StrictError(BanmianError):
    """``--strict`` and the layout lost text to overset or lacked glyphs."""

    exit_code = EXIT_OVERSET
