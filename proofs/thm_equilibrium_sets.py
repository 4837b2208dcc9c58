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
2. seeded random 2x3, 3x3 and 3x2 games with payoffs in $\{0,1,2\}$ (degenerate ones
   abound), and games whose players' payoffs have different denominators, with the payoffs
   of every equilibrium checked by the definition;
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
    pays = [tuple(fraction(v) for v in pay) for pay in ne.payoffs]
    want_pays = [tuple(ind.expected(U[i], shape, [[fraction(p) for p in s]
                                                  for s in prof.strategies]) for i in range(2))
                 for prof in ne.profiles]
    return (ne.complete and len(got) == len(ne.profiles) and got == want
            and pays == want_pays)


def _uneven(count):
    """Seeded 3x2 and 2x2 games whose players' payoffs have different denominators (player 1
    in halves or thirds): the payoffs must come out in each player's own units."""
    out = []
    for seed in range(count):
        for shape, den in (((3, 2), 2), ((2, 2), 3)):
            g = sa.games.random_game(shape, 300 + seed, low=0, high=3)
            A, B = g.sympy_array()
            out.append(sa.Game.from_arrays(A, B / den))
    return out


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
    covers=("all 256 2x2 games with payoffs in {0,1}; 40 seeded 2x3, 3x3 and 3x2 games "
            "with payoffs in {0,1,2}; 20 seeded games with player 1's payoffs in halves or "
            "thirds; pure equilibria of 40 seeded 2x2x2 games in {0,1}"),
)
def proof():
    """Compare every equilibrium set with the independent enumeration."""
    return [exhaustive(_same_set, small_games((2, 2), (0, 1)),
                       name="extreme equilibria, 2x2 in {0,1}",
                       description="all 256 2x2 games with payoffs in {0,1}"),
            exhaustive(_same_set, _random((2, 3), 40, 2) + _random((3, 3), 40, 2)
                       + _random((3, 2), 40, 2),
                       name="extreme equilibria and their payoffs, 2x3, 3x3 and 3x2 in {0,1,2}",
                       description="40 seeded 2x3, 3x3 and 3x2 games"),
            exhaustive(_same_set, _uneven(10), name="extreme equilibria and payoffs, player 1's "
                       "payoffs in other units", description="10 seeded 3x2 and 2x2 games"),
            exhaustive(_pure, _random((2, 2, 2), 40, 1), name="pure equilibria, 2x2x2",
                       description="40 seeded 2x2x2 games with payoffs in {0,1}")]
