r"""The library's equilibrium sets equal an independent enumeration, degenerate games included.

.. math::

    \mathrm{nash\_equilibria}(G)=\{\text{extreme Nash equilibria of }G\}
    =\{(x/\textstyle\sum x,\ y/\textstyle\sum y):\ (x,y)\ \text{completely labelled vertices of }P\times Q\}.

Source: Nash (1951); Avis et al. (2010) (extreme equilibria of bimatrix games; pure equilibria).

Method: exhaustive. `proofs._independent.extreme_equilibria` enumerates the vertices of the
best-response polytopes $P=\{x\ge0,B^\top x\le1\}$ and $Q=\{y\ge0,Ay\le1\}$ by brute force
over tight-constraint sets (plain `Fraction` Gaussian elimination, no code shared with the
solver) and keeps the completely labelled pairs; `symalign.nash_equilibria` must return exactly
that set, and report it complete, on

1. every 2x2 game with payoffs in $\{0,1\}$ (256 games, most of them degenerate);
2. seeded random 2x3 and 3x3 games with payoffs in $\{0,1,2\}$ (degenerate ones abound);
3. pure equilibria of seeded random 2x2x2 games with payoffs in $\{0,1\}$, against the
   definition (no profitable unilateral deviation).
"""

from __future__ import annotations

import symalign as sa
from symalign.normalform.equilibria import nash_equilibria
from symalign.proving.claims import exhaustive
from symalign.proving.theorems import theorem

from . import _independent as ind
from ._support import fraction, small_games, table


def _same_set(g) -> bool:
    U, shape = table(g)
    m, n = shape
    A = [[U[0][(i, j)] for j in range(n)] for i in range(m)]
    B = [[U[1][(i, j)] for j in range(n)] for i in range(m)]
    want = ind.extreme_equilibria(A, B)
    ne = nash_equilibria(g)
    got = {tuple(tuple(fraction(p) for p in s) for s in prof.strategies) for prof in ne}
    return ne.complete and len(got) == len(ne.profiles) and got == want


def _pure(g) -> bool:
    U, shape = table(g)
    got = {tuple(int(p.index(1)) for p in prof.strategies)
           for prof in nash_equilibria(g, "pure")}
    return got == set(ind.pure_equilibria(U, shape))


def _random(shape, count, high):
    return [sa.games.random_game(shape, seed, low=0, high=high) for seed in range(count)]


@theorem(
    name="equilibrium_sets",
    statement=r"\mathrm{nash\_equilibria}(G)=\text{the extreme equilibria of }G"
              r"\ \text{(independent vertex enumeration)}",
    source="Nash (1951); Aumann (1974)",
    hypotheses=("two-player games (mixed); any number of players (pure)",),
    scope="named instances",
    covers=("all 256 2x2 games with payoffs in {0,1}; 40 seeded 2x3 and 40 seeded 3x3 games "
            "with payoffs in {0,1,2}; pure equilibria of 40 seeded 2x2x2 games in {0,1}"),
)
def proof():
    """Compare every equilibrium set with the independent enumeration."""
    return [exhaustive(_same_set, small_games((2, 2), (0, 1)),
                       name="extreme equilibria, 2x2 in {0,1}",
                       description="all 256 2x2 games with payoffs in {0,1}"),
            exhaustive(_same_set, _random((2, 3), 40, 2) + _random((3, 3), 40, 2),
                       name="extreme equilibria, 2x3 and 3x3 in {0,1,2}",
                       description="40 seeded 2x3 and 40 seeded 3x3 games"),
            exhaustive(_pure, _random((2, 2, 2), 40, 1), name="pure equilibria, 2x2x2",
                       description="40 seeded 2x2x2 games with payoffs in {0,1}")]
