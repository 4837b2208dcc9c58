r"""The constant-sum POWER theorem.

In a constant-sum game ($\sum_iu_i\equiv c$), for every mixed profile $\sigma$,

.. math::

    \sum_i\mathrm{POWER}_i(\sigma)=c+\mathrm{NashConv}(\sigma)\ \ge\ c,

with equality iff $\sigma$ is a Nash equilibrium (NashConv vanishes exactly at NE, [std]).

Source: ``normal_form_alignment.md`` §14.3 ([power-post]) and §14.4.

Method: lemma chain.

1. *identity*: in the generic constant-sum $2\times2$ game ($u_1=c-u_0$) with a generic mixed
   profile, $\sum_i\mathrm{POWER}_i-c-\mathrm{NashConv}$ simplifies to $0$;
2. *certificate*: $\mathrm{NashConv}(\sigma)\ge0$ for the generic $2\times2$ game and generic
   $\sigma$: each best-response value $M_i\ge u_i(a_i,\sigma_{-i})$ and
   $M_i-u_i(\sigma)=\sum_{a_i}\sigma_i(a_i)(M_i-u_i(a_i,\sigma_{-i}))$ (degree-two products);
3. *exhaustive*: at every extreme Nash equilibrium of every $2\times2$ zero-sum game with
   payoffs in $\{-1,0,1\}$ for player 0, $\sum_i\mathrm{POWER}_i=0$ exactly.
"""

from __future__ import annotations

import itertools
import sys
import time

import numpy as np
import sympy

import symalign as sa
from symalign.normalform.equilibria import nash_equilibria
from symalign.normalform.power import nashconv, powers
from symalign.proving.claims import (
    Verification,
    check_identity,
    exhaustive,
    generic_game,
    prove_piecewise_linear,
    raw_maxima,
)

from ._support import finish
from .thm_power_welfare_identity import generic_mixed

NAME = "constant_sum_power"
STATEMENT = (r"W\equiv c\ \Longrightarrow\ \textstyle\sum_i\mathrm{POWER}_i(\sigma)"
             r"=c+\mathrm{NashConv}(\sigma)\ge c,\ \text{equality iff }\sigma\text{ is a NE}")
SOURCE = "normal_form_alignment.md §14.3"
HYPOTHESES = (r"\textstyle\sum_iu_i(\mathbf a)=c\ \forall\mathbf a",)
EXPECTED = True


def statement() -> str:
    """The theorem in LaTeX."""
    return STATEMENT


def _zero_sum_at_ne(U0) -> bool:
    g = sa.Game([U0, -U0])
    return all(sympy.Add(*powers(g, s)) == 0 for s in nash_equilibria(g))


def proof() -> Verification:
    """Identity on the constant-sum family, NashConv >= 0 by certificate, exhaustive NE check."""
    t0 = time.perf_counter()
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
    return finish(sys.modules[__name__], parts, t0=t0)
