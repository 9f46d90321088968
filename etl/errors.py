"""The one error type for bad input: it names the file and line to edit."""
from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """Bad input, printed as `file:line: what is wrong`."""

    def __init__(self, message: str, file: str | Path | None = None, line: int | None = None):
        self.message = message
        self.file = str(file) if file is not None else None
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.file or ""
        if self.file and self.line is not None:
            where += f":{self.line}"
        return f"{where}: {self.message}" if where else self.message


class InputErrors(Exception):
    """Several input errors found in one pass, so the user can fix them all at once."""

    def __init__(self, errors: list[InputError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))
