r"""The constant-sum POWER theorem.

In a constant-sum game ($\sum_iu_i\equiv c$), for every mixed profile $\sigma$,

.. math::

    \sum_i\mathrm{POWER}_i(\sigma)=c+\mathrm{NashConv}(\sigma)\ \ge\ c,

with equality iff $\sigma$ is a Nash equilibrium (NashConv vanishes exactly at NE, standard).

Source: Stavrianos & Turner (2021b) and docs/discussion/power.rst (the POWER–welfare identity).

Method: lemma chain.

1. *identity*: in the generic constant-sum $2\times2$ game ($u_1=c-u_0$) with a generic mixed
   profile, $\sum_i\mathrm{POWER}_i-c-\mathrm{NashConv}$ simplifies to $0$;
2. *certificate*: $\mathrm{NashConv}(\sigma)\ge0$ for the generic $2\times2$ game and generic
   $\sigma$: each best-response value $M_i\ge u_i(a_i,\sigma_{-i})$ and
   $M_i-u_i(\sigma)=\sum_{a_i}\sigma_i(a_i)(M_i-u_i(a_i,\sigma_{-i}))$ (degree-two products);
3. *exhaustive*: at every extreme Nash equilibrium of every $2\times2$ zero-sum game with
   payoffs in $\{-1,0,1\}$ for player 0, $\sum_i\mathrm{POWER}_i=0$ exactly;
4. *exhaustive*, both directions of the "iff": on those games, at every profile with
   probabilities in $\{0,\tfrac13,\tfrac12,1\}$, $\sum_i\mathrm{POWER}_i=c$ exactly when the
   profile is a Nash equilibrium by definition (`proofs._independent.is_nash`, no deviation
   gains; not the library's equilibrium list).
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import sympy

import symalign as sa
from symalign.normalform.equilibria import nash_equilibria
from symalign.normalform.power import nashconv, powers
from symalign.proving.claims import (
    check_identity,
    exhaustive,
    generic_game,
    prove_piecewise_linear,
    raw_maxima,
)
from symalign.proving.theorems import theorem

from . import _independent as ind
from ._support import table
from .thm_power_welfare_identity import generic_mixed


def _zero_sum_at_ne(U0) -> bool:
    g = sa.Game([U0, -U0])
    return all(sympy.Add(*powers(g, s)) == 0 for s in nash_equilibria(g))


@theorem(
    name="constant_sum_power",
    statement=r"W\equiv c\ \Longrightarrow\ \textstyle\sum_i\mathrm{POWER}_i(\sigma)"
              r"=c+\mathrm{NashConv}(\sigma)\ge c,\ \text{equality iff }\sigma\text{ is a NE}",
    source="Stavrianos & Turner, Generalizing POWER to multi-agent games (2021)",
    hypotheses=(r"\textstyle\sum_iu_i(\mathbf a)=c\ \forall\mathbf a",),
    scope="generic shapes",
    covers=("the generic constant-sum 2x2 game with a generic mixed profile; both directions "
            "of the iff on the zero-sum 2x2 games in {-1,0,1} at 16 profiles each"),
)
def proof():
    """Identity on the constant-sum family, NashConv >= 0 by certificate, exhaustive NE check."""
    c = sympy.Symbol("c", real=True)
    u0 = generic_game((2, 2)).sympy_array()[0]
    g = sa.Game([u0, c - u0])
    sigma = generic_mixed((2, 2))
    (p,), (q,) = [s[:-1] for s in sigma.strategies]
    with raw_maxima():
        total = sympy.Add(*powers(g, sigma))
        parts = [check_identity(total, c + nashconv(g, sigma),
                                name="sum POWER = c + NashConv (generic constant-sum 2x2)")]
        h = generic_game((2, 2))
        nc = nashconv(h, sigma)
    parts.append(prove_piecewise_linear(nc >= 0, assumptions=[p >= 0, 1 - p >= 0, q >= 0, 1 - q >= 0],
                                        products=True, name="NashConv >= 0 (generic 2x2, generic sigma)"))
    matrices = (np.array(v, dtype=np.int64).reshape(2, 2)
                for v in itertools.product((-1, 0, 1), repeat=4))
    parts.append(exhaustive(_zero_sum_at_ne, matrices,
                            name="sum POWER = 0 at every extreme NE",
                            description="all 2x2 zero-sum games with u_0 in {-1,0,1}^4"))
    parts.append(exhaustive(_iff_nash, _zero_sum_profiles(),
                            name="sum POWER = c iff sigma is a NE (both directions)",
                            description="zero-sum 2x2 games in {-1,0,1}^4 x pure profiles and "
                                        "mixed profiles with probabilities in {0, 1/3, 1/2, 1}"))
    return parts


def _zero_sum_profiles():
    probs = (Fraction(0), Fraction(1, 3), Fraction(1, 2), Fraction(1))
    for v in itertools.product((-1, 0, 1), repeat=4):
        U0 = np.array(v, dtype=np.int64).reshape(2, 2)
        for p, q in itertools.product(probs, repeat=2):
            yield U0, [[p, 1 - p], [q, 1 - q]]


def _iff_nash(item) -> bool:
    """Both directions, with equilibrium decided by the definition (`proofs._independent`),
    not by the library's equilibrium list."""
    U0, sigma = item
    g = sa.Game([U0, -U0])
    U, shape = table(g)
    total = sympy.Add(*powers(g, [[str(x) for x in s] for s in sigma]))
    return (total == 0) == ind.is_nash(U, shape, sigma) and total >= 0
