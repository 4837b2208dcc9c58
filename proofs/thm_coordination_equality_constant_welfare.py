r"""Equality in the Coordination inequality at every profile holds exactly for constant-welfare games.

.. math::

    \bigl(\forall\mu:\ W(\mu)=\mathrm{OPT}\bigr)\iff W \text{ is constant on } A,
    \qquad\text{and}\qquad W(\mu)=\mathrm{OPT}\iff\operatorname{supp}\mu\subseteq A^*.

Source: Stavrianos & Turner (2021), the equality cases, as corrected in
docs/discussion/coordination-alignment.rst (proof derived for symalign).

Method: lemma chain.

1. *identity*: in the generic constant-welfare $2\times2$ game ($u_1=c-u_0$) the coordination
   gap of a generic correlated profile simplifies to $0$;
2. *exhaustive*: for every $2\times2$ game with payoffs in $\{0,1,2\}$, `symalign.is_constant_welfare`
   holds iff the coordination gap vanishes at every pure profile;
3. *exhaustive*: for every $2\times2$ game with payoffs in $\{0,1\}$ and the uniform distribution on
   every non-empty support, $\mathrm{CG}(\mu)=0$ iff the support lies in the welfare-optimal set.
"""

from __future__ import annotations

import itertools

import numpy as np
import sympy

import symalign as sa
from symalign.proving.claims import check_identity, exhaustive, generic_profile, raw_maxima
from symalign.proving.theorems import theorem

from ._support import integer_tensors


def _pure_tight(U: np.ndarray) -> bool:
    g = sa.Game(list(U))
    all_zero = all(sa.coordination_gap(g, a) == 0 for a in g.outcomes())
    return bool(sa.is_constant_welfare(g)) == all_zero


def _support_rule(U: np.ndarray) -> bool:
    g = sa.Game(list(U))
    W = U.sum(axis=0)
    best = {a for a in g.outcomes() if W[a] == W.max()}
    outs = list(g.outcomes())
    for r in range(1, len(outs) + 1):
        for supp in itertools.combinations(outs, r):
            mu = {a: sympy.Rational(1, r) for a in supp}
            tight = sa.coordination_gap(g, sa.CorrelatedProfile.from_dict(g.shape, mu)) == 0
            if tight != set(supp).issubset(best):
                return False
    return True


@theorem(
    name="coordination_equality_constant_welfare",
    statement=r"\bigl(\forall\mu:\ W(\mu)=\mathrm{OPT}\bigr)\iff W\equiv c;\quad "
              r"W(\mu)=\mathrm{OPT}\iff\operatorname{supp}\mu\subseteq A^*",
    source="Stavrianos & Turner (2021), the equality cases (corrected in symalign)",
    scope="generic shapes",
    covers=("the generic constant-welfare 2x2 game; the exhaustive equivalences on every 2x2 "
            "game with payoffs in {0,1,2}"),
)
def proof():
    """Identity on the constant-welfare family, exhaustive checks of both equivalences."""
    c = sympy.Symbol("c", real=True)
    u0 = sa.games.symbolic_game((2, 2)).sympy_array()[0]
    g = sa.Game([u0, c - u0])
    mu, _ = generic_profile((2, 2))
    with raw_maxima():
        cg = sa.coordination_gap(g, mu)
    parts = [check_identity(cg, 0, name="CG(mu) = 0 when u_1 = c - u_0 (generic 2x2, generic mu)")]
    parts.append(exhaustive(_pure_tight, integer_tensors((2, 2), (0, 1, 2)),
                            name="constant welfare <=> CG(a) = 0 for all pure a",
                            description="all 2x2 games with payoffs in {0,1,2}"))
    parts.append(exhaustive(_support_rule, integer_tensors((2, 2), (0, 1)),
                            name="CG(mu) = 0 <=> supp(mu) in argmax W",
                            description="all 2x2 games with payoffs in {0,1}, uniform mu on every support"))
    return parts
