"""The exception hierarchy: every error symalign raises for bad input is a `SymalignError`."""

from __future__ import annotations

__all__ = [
    "SymalignError",
    "FileFormatError",
    "InvalidGameError",
    "InvalidProfileError",
    "ExactnessError",
    "UndefinedMetricError",
    "UndecidableError",
    "ResourceLimitError",
    "MissingDependencyError",
]


class SymalignError(ValueError):
    """Base class of every error symalign raises for bad input.

    It is a `ValueError`, so code that already catches ``ValueError`` keeps working.

    Examples
    ========

    >>> import symalign as sa
    >>> try:
    ...     sa.Game.from_arrays([[1.5]], [[0]])
    ... except sa.SymalignError as exc:
    ...     print(type(exc).__name__)
    ExactnessError

    """


class FileFormatError(SymalignError):
    """A game file (or expression string) is malformed.

    Carries the file name, line and column where they are known; ``str(exc)`` is one line
    of the form ``file:line:column: message``.

    Examples
    ========

    >>> from symalign.core.errors import FileFormatError
    >>> print(FileFormatError("expected a number", file="pd.nfg", line=3, column=7))
    pd.nfg:3:7: expected a number

    """

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None,
                 column: int | None = None):
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        super().__init__(self._format())

    def _format(self) -> str:
        if self.file is None and self.line is None:
            return self.message
        where = [str(x) for x in (self.file, self.line, self.column) if x is not None]
        prefix = ":".join(where)
        return f"{prefix}: {self.message}" if prefix else self.message

    def located(self, *, file: str | None = None, line: int | None = None,
                column: int | None = None) -> FileFormatError:
        """Return a copy with the missing location fields filled in.

        Examples
        ========

        >>> from symalign.core.errors import FileFormatError
        >>> print(FileFormatError("bad token", column=4).located(file="g.json", line=2))
        g.json:2:4: bad token

        """
        return FileFormatError(
            self.message,
            file=self.file if self.file is not None else file,
            line=self.line if self.line is not None else line,
            column=self.column if self.column is not None else column,
        )


def line_column(text: str, pos: int) -> tuple[int, int]:
    """Private to the package: 1-based ``(line, column)`` of offset ``pos`` in ``text``, for
    `FileFormatError` positions."""
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


class InvalidGameError(SymalignError):
    """Payoff data do not describe a finite normal-form game (wrong shapes, names, sizes).

    Examples
    ========

    >>> import symalign as sa
    >>> try:
    ...     sa.Game.from_arrays([[1, 2]], [[1, 2], [3, 4]])
    ... except sa.InvalidGameError as exc:
    ...     print(exc)
    Argument 'arrays': every payoff array must have the shape of the first, (1, 2); array 1 has shape (2, 2).

    """


class InvalidProfileError(SymalignError):
    """A profile is malformed: wrong length, unknown action, or not a probability distribution.

    Examples
    ========

    >>> import symalign as sa
    >>> pd = sa.games.prisoners_dilemma()
    >>> try:
    ...     sa.MixedProfile([[-1, 2], [1, 0]])
    ... except sa.InvalidProfileError as exc:
    ...     print(exc)
    Argument 'strategies': player 0's probability at action 0 is -1, which is negative.

    """


class ExactnessError(SymalignError, TypeError):
    """A float (or another inexact number) was given where an exact value is required.

    Examples
    ========

    >>> from symalign.core.errors import ExactnessError
    >>> issubclass(ExactnessError, ValueError)
    True

    """


class UndefinedMetricError(SymalignError):
    """A metric is undefined for this input (zero denominator, empty domain); ``reason`` says why.

    Examples
    ========

    >>> from symalign.core.errors import UndefinedMetricError
    >>> e = UndefinedMetricError("correlation", "the variance of player 0's payoff is 0")
    >>> print(e)
    correlation is undefined: the variance of player 0's payoff is 0

    """

    def __init__(self, metric: str, reason: str):
        self.metric = metric
        self.reason = reason
        super().__init__(f"{metric} is undefined: {reason}")

    def __reduce__(self):
        return (type(self), (self.metric, self.reason))


class UndecidableError(SymalignError):
    """A comparison of symbolic values cannot be decided; ``condition`` is what would decide it.

    Examples
    ========

    >>> import sympy
    >>> from symalign.core.errors import UndecidableError
    >>> x = sympy.Symbol("x")
    >>> print(UndecidableError(x > 0, "is_constant_sum"))
    is_constant_sum cannot be decided: it depends on whether x > 0

    """

    def __init__(self, condition, context: str = "the comparison"):
        self.condition = condition
        self.context = context
        super().__init__(f"{context} cannot be decided: it depends on whether {condition}")

    def __reduce__(self):
        return (type(self), (self.condition, self.context))


class ResourceLimitError(SymalignError):
    """An input would exceed a resource limit; the message names the limit and the setting that raises it.

    Examples
    ========

    >>> from symalign.core.errors import ResourceLimitError
    >>> print(ResourceLimitError("the game has 10**12 outcomes", "max_outcomes", 10**7))
    the game has 10**12 outcomes, over the limit max_outcomes = 10000000; raise it with symalign.settings.max_outcomes = ... if you mean it

    """

    def __init__(self, what: str, setting: str, limit):
        self.setting = setting
        self.limit = limit
        self.what = what
        super().__init__(f"{what}, over the limit {setting} = {limit}; raise it with "
                         f"symalign.settings.{setting} = ... if you mean it")


def _resource_reduce(self):
    return (type(self), (self.what, self.setting, self.limit))


ResourceLimitError.__reduce__ = _resource_reduce


class MissingDependencyError(SymalignError, ImportError):
    """An optional dependency needed for this call is not installed; the message names the extra.

    Examples
    ========

    >>> from symalign.core.errors import MissingDependencyError
    >>> print(MissingDependencyError("pygambit", "gambit", "mixed equilibria of 3-player games"))
    mixed equilibria of 3-player games need the optional package 'pygambit': pip install 'symalign[gambit]'

    """

    def __init__(self, package: str, extra: str | None, purpose: str, install: str | None = None):
        self.package = package
        self.extra = extra
        self.purpose = purpose
        self.install = install
        how = install if install is not None else f"pip install 'symalign[{extra}]'"
        super().__init__(f"{purpose} need the optional package '{package}': {how}")


def _missing_reduce(self):
    return (type(self), (self.package, self.extra, self.purpose, self.install))


MissingDependencyError.__reduce__ = _missing_reduce


def _format_reduce(self):
    return (_rebuild_format_error, (self.message, self.file, self.line, self.column))


def _rebuild_format_error(message, file, line, column):
    return FileFormatError(message, file=file, line=line, column=column)


FileFormatError.__reduce__ = _format_reduce


# The errors are public as ``symalign.<Name>``; tracebacks and reprs say so too.
for _cls in (SymalignError, FileFormatError, InvalidGameError, InvalidProfileError, ExactnessError,
             UndefinedMetricError, UndecidableError, ResourceLimitError, MissingDependencyError):
    _cls.__module__ = "symalign"
del _cls
