"""Errors and warnings that briefgen reports to people.

Every problem a user can cause is a :class:`BriefgenError`: it names the file
(and line, where there is one), says what is wrong and what to do. The CLI
prints it on one line and exits with status 1; it never shows a traceback
unless ``--debug`` is given.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class BriefgenError(Exception):
    """A problem with the site's input that the user can fix."""

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = str(file) if file is not None else None
        self.line = line
        self.hint = hint

    def __reduce__(self):  # keep file, line and hint across processes
        return (_rebuild_error, (type(self), self.__dict__.copy()))

    def location(self) -> str:
        if self.file is None:
            return ""
        return f"{self.file}:{self.line}" if self.line else self.file

    def __str__(self) -> str:
        where = self.location()
        text = f"{where}: {self.message}" if where else self.message
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


def _rebuild_error(cls: type[BriefgenError], state: dict) -> BriefgenError:
    error = cls.__new__(cls)
    Exception.__init__(error, state.get("message", ""))
    error.__dict__.update(state)
    return error


class ConfigError(BriefgenError):
    """site.yml or a plugin's settings are wrong."""


class ContentError(BriefgenError):
    """A content file (article, collection entry) is wrong."""


class TemplateError(BriefgenError):
    """A template is missing, does not parse, or fails to render."""


class PluginError(BriefgenError):
    """A plugin failed to load, or one of its hook implementations raised."""

    def __init__(
        self,
        message: str,
        *,
        plugin: str,
        hook: str | None = None,
        file: str | Path | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        self.plugin = plugin
        self.hook = hook
        super().__init__(message, file=file, line=line, hint=hint)


class StrictModeError(BriefgenError):
    """Warnings were raised and --strict turns them into a failure."""

    @classmethod
    def of(cls, warnings: list[BuildWarning]) -> StrictModeError:
        """The failure for these warnings, each on a line of its own."""
        return cls(
            f"{len(warnings)} warning(s) with --strict:\n  "
            + "\n  ".join(str(w) for w in warnings),
            hint="fix the warnings, or build without --strict",
        )


class BuildSuperseded(Exception):
    """A preview build stopped because newer changes are waiting (see
    :class:`~briefgen.pagegen.EarlyPages`): nothing was published, and the
    next build starts from what this one loaded."""


@dataclass(frozen=True)
class BuildWarning:
    """A problem that does not stop the build (unless --strict)."""

    message: str
    file: str | None = None
    line: int | None = None
    source: str | None = None  # the plugin or stage that raised it

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = f"{self.file}:{self.line}: " if self.line else f"{self.file}: "
        return f"{where}{self.message}"
