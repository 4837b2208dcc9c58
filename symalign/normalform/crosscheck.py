"""Cross-checks against a peer exact solver: lrslib's ``lrsnash`` (Avis), for two-player games.

``lrsnash`` enumerates every extreme Nash equilibrium of a bimatrix game by exact reverse
search (lexicographic pivoting, so degenerate games are handled). symalign uses it only as an
*independent* check of `symalign.normalform.equilibria.nash_equilibria` (the test suite compares the two
sets on degenerate games) and as the baseline of the equilibrium benchmarks. It is a Debian
package (``apt-get install lrslib``), not a Python one, so it is looked up on ``PATH``.
"""

from __future__ import annotations

import math
import os
import shutil
import subprocess
import tempfile
from fractions import Fraction

from symalign.core.errors import InvalidGameError, MissingDependencyError
from symalign.core.game import Game
from symalign.core.profiles import MixedProfile

__all__ = ["lrsnash_input", "lrsnash_equilibria", "gambit_equilibria"]

#: pygambit versions whose ``Game.from_arrays``, ``nash.gnm_solve`` and ``nash.enumpoly_solve``
#: this module uses (17.0 pre-releases dropped ``Game.from_arrays``); pinned in the ``gambit``
#: extra of pyproject.toml.
GAMBIT_VERSIONS = ((16, 1), (17, 0))

SOURCE_LRS = "D. Avis, lrslib, 'lrsnash' input format (lrs user guide, Nash equilibria)"


def _integer_rows(game: Game, player: int) -> list[list[int]]:
    """Player ``player``'s payoff matrix scaled by the lcm of its denominators (a positive
    scaling of one player's payoffs does not change the equilibria)."""
    rows = [[game.payoff(player, (i, j)) for j in range(game.shape[1])]
            for i in range(game.shape[0])]
    L = math.lcm(*(int(v.q) for r in rows for v in r))
    return [[int(v * L) for v in r] for r in rows]


def _check(game: Game) -> None:
    if not isinstance(game, Game):
        raise InvalidGameError(f"Argument 'game' must be a symalign Game, not "
                               f"{type(game).__name__}.")
    if game.n_players != 2 or not game.is_numeric:
        raise InvalidGameError(f"Argument 'game': lrsnash solves numeric two-player games; "
                               f"this game has {game.n_players} players"
                               f"{'' if game.is_numeric else ' and symbolic payoffs'}.")


def lrsnash_input(game: Game) -> str:
    """The game in ``lrsnash``'s input format: ``m n``, a blank line, the row player's matrix,
    a blank line, the column player's matrix (integers; rational payoffs are scaled per
    player by the lcm of their denominators, which leaves the equilibria unchanged).

    Source: lrslib's user guide, section "Nash equilibria" (`SOURCE_LRS`).

    Examples
    ========

    >>> import symalign as sa
    >>> from symalign.normalform.crosscheck import lrsnash_input
    >>> # Matching Pennies, player 1 (the column player) the matcher (Stavrianos & Turner (2021), reference games)
    >>> print(lrsnash_input(sa.games.matching_pennies()), end="")
    2 2
    <BLANKLINE>
    -1 1
    1 -1
    <BLANKLINE>
    1 -1
    -1 1
    >>> # rational payoffs: the row player's (1/2, 1) times 2, the column player's (0, 1/3) times 3
    >>> lrsnash_input(sa.Game.from_arrays([["1/2", 1]], [[0, "1/3"]]))
    '1 2\\n\\n1 2\\n\\n0 1\\n'

    """
    _check(game)
    m, n = game.shape
    lines = [f"{m} {n}", ""]
    lines += [" ".join(map(str, r)) for r in _integer_rows(game, 0)]
    lines.append("")
    lines += [" ".join(map(str, r)) for r in _integer_rows(game, 1)]
    return "\n".join(lines) + "\n"


def _parse(text: str) -> set[tuple[tuple[Fraction, ...], tuple[Fraction, ...]]]:
    """Equilibria from ``lrsnash`` output: blocks of ``1 x... payoff`` and ``2 y... payoff``
    lines, every row-player line of a block paired with every column-player line."""
    pairs = set()
    xs, ys = [], []
    for line in text.splitlines() + [""]:
        parts = line.split()
        if not parts:
            pairs |= {(x, y) for x in xs for y in ys}
            xs, ys = [], []
        elif parts[0] == "1":
            xs.append(tuple(Fraction(v) for v in parts[1:-1]))
        elif parts[0] == "2":
            ys.append(tuple(Fraction(v) for v in parts[1:-1]))
    return pairs


def lrsnash_equilibria(game: Game, *, executable: str | None = None) -> tuple[MixedProfile, ...]:
    """Every extreme Nash equilibrium of a two-player game, as computed by ``lrsnash``.

    Runs the external program (exact arithmetic) on `lrsnash_input` and reads its answer back
    as exact `MixedProfile` objects, sorted. For comparison with
    `symalign.normalform.equilibria.nash_equilibria`, which finds the same set.

    Parameters
    ==========

    game : Game
        A numeric two-player game.
    executable : str, optional
        The ``lrsnash`` program; looked up on ``PATH`` by default.

    Raises
    ======

    MissingDependencyError
        If ``lrsnash`` is not installed.
    InvalidGameError
        If the game is symbolic or does not have two players.

    Examples
    ========

    >>> import shutil, symalign as sa
    >>> from symalign.normalform.crosscheck import lrsnash_equilibria
    >>> half = sa.MixedProfile([["1/2", "1/2"], ["1/2", "1/2"]])
    >>> # lrsnash is a Debian package (apt-get install lrslib); CI installs it
    >>> shutil.which("lrsnash") is None or lrsnash_equilibria(sa.games.matching_pennies()) == (half,)
    True
    >>> lrsnash_equilibria(sa.games.matching_pennies(), executable="/nonexistent/lrsnash")
    Traceback (most recent call last):
    ...
    symalign.MissingDependencyError: lrsnash cross-checks need the optional package 'lrsnash': apt-get install lrslib

    """
    _check(game)
    exe = executable or shutil.which("lrsnash")
    if exe is None or not os.path.exists(exe):
        raise MissingDependencyError("lrsnash", None, "lrsnash cross-checks",
                                     install="apt-get install lrslib")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "game.txt")
        with open(path, "w") as fh:
            fh.write(lrsnash_input(game))
        out = subprocess.run([exe, path], capture_output=True, text=True, check=True).stdout
    return tuple(MixedProfile([list(x), list(y)]) for x, y in sorted(_parse(out)))


def _gambit_module():
    try:
        import pygambit
    except ImportError:
        raise MissingDependencyError("pygambit", "gambit",
                                     "cross-checks against Gambit's solvers") from None
    version = getattr(pygambit, "__version__", "0")
    parts = []
    for p in version.split(".")[:2]:
        digits = "".join(ch for ch in p if ch.isdigit())
        parts.append(int(digits or 0))
    lo, hi = GAMBIT_VERSIONS
    if not (lo <= tuple(parts) < hi):
        raise MissingDependencyError(
            "pygambit", "gambit", f"cross-checks against Gambit's solvers (pygambit {version} "
            f"is installed; symalign supports {lo[0]}.{lo[1]} <= version < {hi[0]}.{hi[1]})",
            install="pip install 'pygambit>=16.1,<17'")
    return pygambit


def gambit_equilibria(game: Game, *, method: str = "gnm") -> tuple:
    """Nash equilibria from pygambit's floating-point solvers, as tuples of float tuples.

    A cross-check only: ``method="gnm"`` (global Newton) or ``"enumpoly"`` (support
    enumeration with polynomial solving). Neither is guaranteed to find every equilibrium;
    `symalign.normalform.equilibria.nash_equilibria` is exact and complete (McKelvey &
    McLennan 1996, Sec. 6).

    Examples
    ========

    >>> import symalign as sa
    >>> from symalign.normalform.crosscheck import gambit_equilibria
    >>> try:
    ...     eqs = gambit_equilibria(sa.games.matching_pennies())
    ... except sa.MissingDependencyError as e:
    ...     eqs = (((0.5, 0.5), (0.5, 0.5)),)
    >>> [[round(p, 6) for p in s] for s in eqs[0]]
    [[0.5, 0.5], [0.5, 0.5]]

    Raises
    ======

    MissingDependencyError
        When pygambit is missing or of an unsupported version (the message says which).
    InvalidGameError
        For symbolic games.

    """
    if method not in ("gnm", "enumpoly"):
        raise InvalidGameError(f"Argument 'method' is {method!r}; use 'gnm' or 'enumpoly'.")
    if not isinstance(game, Game) or not game.is_numeric:
        raise InvalidGameError("Argument 'game' must be a numeric symalign Game.")
    pygambit = _gambit_module()
    import numpy as np
    arrays = []
    for i in range(game.n_players):
        flat = [Fraction(int(v.p), int(v.q)) for v in game.sympy_array()[i].reshape(-1)]
        arrays.append(np.array(flat, dtype=object).reshape(game.shape))
    g = pygambit.Game.from_arrays(*arrays)
    solve = pygambit.nash.gnm_solve if method == "gnm" else pygambit.nash.enumpoly_solve
    out = []
    for eq in solve(g).equilibria:
        out.append(tuple(tuple(float(eq[s]) for s in p.strategies) for p in g.players))
    return tuple(out)
