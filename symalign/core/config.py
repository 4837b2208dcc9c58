"""Resource limits and other global settings, read as ``symalign.settings.NAME``."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, fields

__all__ = ["Settings", "settings", "limits", "Deadline"]


@dataclass
class Settings:
    """Library-wide limits that protect against hostile or accidental huge inputs.

    Each limit is checked before memory is allocated, and the error that reports it names
    the setting. Change one globally (``symalign.settings.max_outcomes = 10**8``) or for a
    block with `limits`.

    Attributes
    ----------
    max_outcomes : int
        Largest number of pure outcomes (product of the action counts) a game may have.
    max_players : int
        Largest number of players.
    max_digits : int
        Largest number of digits in an integer literal of a game file or expression.
    max_exponent : int
        Largest absolute integer exponent in an expression string (``2**max_exponent``).
    max_nesting : int
        Deepest parenthesis or array nesting accepted by the parsers.
    max_expression_length : int
        Longest expression string, in characters.
    max_file_bytes : int
        Largest game file, in bytes.
    max_cases : int
        Largest number of cases a symbolic case analysis may enumerate.
    timeout : float or None
        Seconds that one call of long symbolic work (case analysis, closed forms, parametric
        equilibria and LPs, proofs) may take: 900 by default, so that no input runs without
        end; ``None`` for no limit.
    report_section_seconds : float or None
        Seconds each section of `analyze` (``symalign analyze``) may take; the values it has
        not computed by then are reported as over budget. ``None`` for no limit.
    lemke_howson_seconds : float or None
        Seconds a call of `lemke_howson` or `lemke_howson_equilibria` may pivot (``timeout``
        also applies when it is smaller). ``None`` for no limit.
    dominance_seconds : float or None
        Seconds a call of `dominated_strategies` or `iterated_elimination` may spend on its
        dominance checks and LPs (``timeout`` also applies when it is smaller). ``None`` for
        no limit.
    condition_seconds : float or None
        Seconds that simplifying the conditions of one ``Piecewise`` closed form may take
        (intervals in one parameter, implied conjuncts in several;
        `symalign.engines.conditions`). When spent, the conditions are kept as they were:
        still exact, only less readable. The work is also bounded by fixed limits (degree
        and number of square roots, `symalign.engines.intervals`), so that the printed form
        does not depend on the machine's speed except past this safety net. ``None`` for no
        limit.
    equilibrium_seconds : float or None
        Seconds the exact enumeration of every Nash equilibrium of a game with three or more
        players may take. When spent (checked between supports; a large polynomial system
        runs in a child process that is then killed), `nash_equilibria` returns the
        equilibria found so far with ``complete=False`` and a ``note`` naming the support
        left undecided and how many support profiles were left unexamined. ``None`` for no
        limit.

    Examples
    ========

    >>> import symalign as sa
    >>> sa.settings.max_outcomes
    10000000
    >>> with sa.limits(max_outcomes=4):
    ...     sa.settings.max_outcomes
    4
    >>> sa.settings.max_outcomes
    10000000

    """

    max_outcomes: int = 10**7
    max_players: int = 64
    max_digits: int = 1000
    max_exponent: int = 1000
    max_nesting: int = 64
    max_expression_length: int = 10_000
    max_file_bytes: int = 64 * 2**20
    max_cases: int = 100_000
    timeout: float | None = 900.0
    report_section_seconds: float | None = 5.0
    lemke_howson_seconds: float | None = 60.0
    dominance_seconds: float | None = 60.0
    equilibrium_seconds: float | None = 600.0
    condition_seconds: float | None = 10.0


settings = Settings()


@contextlib.contextmanager
def limits(**changes) -> Iterator[Settings]:
    """Temporarily change settings inside a ``with`` block.

    Examples
    ========

    >>> import symalign as sa
    >>> with sa.limits(max_players=3) as s:
    ...     s.max_players
    3

    """
    names = {f.name for f in fields(Settings)}
    unknown = set(changes) - names
    if unknown:
        raise TypeError(f"unknown setting(s) {sorted(unknown)}; known: {sorted(names)}")
    old = {k: getattr(settings, k) for k in changes}
    try:
        for k, v in changes.items():
            setattr(settings, k, v)
        yield settings
    finally:
        for k, v in old.items():
            setattr(settings, k, v)


class Deadline:
    """A time budget for long symbolic work, from `Settings.timeout` (``None``: unbounded).

    Long loops call `check` at every step; when the budget is spent it raises
    `ResourceLimitError` naming the work and the setting. With ``setting`` (the name of
    another `Settings` field, in seconds) the budget is the smaller of that one and
    ``timeout``, and the error names whichever it was.

    Examples
    ========

    >>> import symalign as sa
    >>> from symalign.core.config import Deadline
    >>> with sa.limits(timeout=0):
    ...     d = Deadline("the case analysis")
    ...     d.check()
    Traceback (most recent call last):
    ...
    symalign.ResourceLimitError: the case analysis took longer than 0 seconds, over the limit timeout = 0; raise it with symalign.settings.timeout = ... if you mean it
    >>> with sa.limits(lemke_howson_seconds=0):
    ...     Deadline("the Lemke-Howson paths", "lemke_howson_seconds").check()
    Traceback (most recent call last):
    ...
    symalign.ResourceLimitError: the Lemke-Howson paths ... lemke_howson_seconds = 0; ...

    """

    __slots__ = ("what", "limit", "start", "setting")

    def __init__(self, what: str, setting: str = "timeout"):
        import time
        self.what = what
        self.setting = "timeout"
        self.limit = settings.timeout
        own = getattr(settings, setting)
        if own is not None and (self.limit is None or own < self.limit):
            self.setting, self.limit = setting, own
        self.start = time.monotonic()

    def check(self) -> None:
        """Raise `ResourceLimitError` once the budget is spent."""
        if self.limit is None:
            return
        import time
        if time.monotonic() - self.start >= self.limit:
            from symalign.core.errors import ResourceLimitError
            raise ResourceLimitError(f"{self.what} took longer than {self.limit} seconds",
                                     self.setting, self.limit)
