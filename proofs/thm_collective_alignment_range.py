r"""EPIC collective alignment lies in $[0,1]$, with $0$ exactly on constant-sum games.

With weights $w_i=m_i/\sum_jm_j$ and $\mu=\sum_iw_i\nu_i$:

.. math::

    \mathrm{CA}=1-\sum_iw_i\lVert\nu_i-\mu\rVert_2\in[0,1].

Source: Sourbut, Hammond & Wood (2024), collective alignment (range proof via Jensen, derived for
symalign).

Method: lemma chain.

1. *identity* (variance decomposition, $n=3$ members, $\sum_iw_i=1$):
   $\sum_iw_i\lVert\nu_i-\mu\rVert^2=\sum_iw_i\lVert\nu_i\rVert^2-\lVert\mu\rVert^2$;
2. *identity* (Jensen with a sum-of-squares witness):
   $\sum_iw_ix_i^2-(\sum_iw_ix_i)^2=\sum_{i<j}w_iw_j(x_i-x_j)^2$; with $\lVert\nu_i\rVert\le1$
   these give $(\sum_iw_i\lVert\nu_i-\mu\rVert)^2\le1-\lVert\mu\rVert^2\le1$;
3. *exhaustive*: `symalign.delegation.alignment.collective_alignment` on every $2\times2$ game with payoffs in
   $\{0,1\}$ lies in $[0,1]$ and is $0$ exactly on the constant-sum games among those with no
   constant player;
4. *exhaustive*: the library's value equals the definition evaluated from the raw payoffs
   (`proofs._formulas`, sharing no code with the library) on those games and on seeded 2x2,
   3x3 and 2x2x2 games whose players' magnitudes differ (so the weights $m_i/M$ matter).
"""

from __future__ import annotations

import itertools

import sympy

import symalign as sa
from symalign.delegation.alignment import collective_alignment
from symalign.proving.claims import check_identity, exhaustive
from symalign.proving.theorems import theorem

from ._formulas import collective_alignment_of, same
from ._support import small_games


def _range_rule(g) -> bool:
    if sa.is_payoff_constant(g):  # every member indifferent: CA is undefined
        try:
            collective_alignment(g)
        except sa.UndefinedMetricError:
            return True
        return False
    ca = collective_alignment(g)
    if not (bool(ca >= 0) and bool(ca <= 1)):
        return False
    U = g.sympy_array()
    if not any(len(set(U[i].reshape(-1))) == 1 for i in range(2)):
        return (ca == 0) == bool(sa.is_constant_sum(g))
    return True


@theorem(
    name="collective_alignment_range",
    statement=r"\mathrm{CA}_{\rm EPIC}=1-\sum_iw_i\lVert\nu_i-\mu\rVert_2\in[0,1]",
    source="Sourbut, Hammond & Wood (2024), individual and collective alignment",
    hypotheses=(r"w_i\ge0,\ \sum_iw_i=1", r"\lVert\nu_i\rVert_2\in\{0,1\}"),
    scope="named instances",
    covers=("identities for three members on three outcomes; the library's range on every 2x2 "
            "game in {0,1}, and its value against the definition there and on seeded 2x2, 3x3 "
            "and 2x2x2 games with unequal magnitudes"),
)
def proof():
    """Variance decomposition and Jensen identities, then an exhaustive range check."""
    w0, w1 = sympy.symbols("w_0 w_1", real=True)
    w = [w0, w1, 1 - w0 - w1]
    nu = [sympy.symbols(f"nu_{i}_0:3", real=True) for i in range(3)]
    mu = [sum(w[i] * nu[i][k] for i in range(3)) for k in range(3)]
    lhs = sum(w[i] * sum((nu[i][k] - mu[k])**2 for k in range(3)) for i in range(3))
    rhs = sum(w[i] * sum(nu[i][k]**2 for k in range(3)) for i in range(3)) - sum(m**2 for m in mu)
    parts = [check_identity(lhs, rhs, name="sum w_i ||nu_i - mu||^2 = sum w_i ||nu_i||^2 - ||mu||^2")]
    x = sympy.symbols("x_0:3", real=True)
    parts.append(check_identity(sum(w[i] * x[i]**2 for i in range(3)) - sum(w[i] * x[i] for i in range(3))**2,
                                sum(w[i] * w[j] * (x[i] - x[j])**2
                                    for i, j in itertools.combinations(range(3), 2)),
                                name="Jensen: sum w x^2 - (sum w x)^2 = sum_{i<j} w_i w_j (x_i - x_j)^2"))
    parts.append(exhaustive(_range_rule, small_games((2, 2), (0, 1)),
                            name="0 <= CA <= 1, CA = 0 iff constant-sum",
                            description="all 2x2 games with payoffs in {0,1}"))
    parts.append(exhaustive(_matches_definition, small_games((2, 2), (0, 1)) + _weighted(),
                            name="the library's CA = 1 - sum_i (m_i / M) ||nu_i - mu||_2",
                            description="2x2 games in {0,1} and seeded games with unequal "
                                        "magnitudes (2x2, 3x3, 2x2x2)"))
    return parts


def _weighted():
    """Seeded games whose players' magnitudes differ (payoffs of player i scaled by i + 1)."""
    out = []
    for seed in range(6):
        for shape in ((2, 2), (3, 3), (2, 2, 2)):
            g = sa.games.random_game(shape, 300 + seed, low=-3, high=3)
            out.append(sa.Game([(i + 1) * u for i, u in enumerate(g.sympy_array())]))
    return out


def _matches_definition(g) -> bool:
    """The library against `proofs._formulas` (the definition, from the raw payoffs)."""
    want = collective_alignment_of(g)
    if want is None:
        try:
            collective_alignment(g)
        except sa.UndefinedMetricError:
            return True
        return False
    return same(collective_alignment(g), want)
