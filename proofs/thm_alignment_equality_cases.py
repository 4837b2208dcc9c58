r"""Equality in the Alignment inequality: four equivalent conditions.

For a finite game the following are equivalent:

.. math::

    \alpha = 0 \iff \exists\,\mathbf a^*\ \forall i:\ u_i(\mathbf a^*)=\max_{\mathbf a}u_i(\mathbf a)
    \iff \bigl|\mathrm{Pareto}(P)\bigr| = 1
    \iff \bigl|\mathrm{Pareto}(\operatorname{conv}P)\bigr| = 1,

with $P=\{u(\mathbf a):\mathbf a\in A\}$.

Source: Stavrianos & Turner (2021), the equality cases, as corrected in
docs/discussion/coordination-alignment.rst (proofs derived for symalign), and
docs/discussion/game-classes.rst (UPE).

Method: lemma chain.

1. *certificate*: in the generic $2\times2$ game, assuming $\mathbf a^*$ is a common best outcome
   (for each of the four $\mathbf a^*$), $\alpha\ge0$, hence $\alpha=0$ with the Alignment
   inequality;
2. *exhaustive*: every game of shape $2\times2$ with payoffs in $\{0,1,2\}$ (6561 games),
   $2\times3$ and $2\times1\times2$ with payoffs in $\{0,1\}$ (4096 each): $\alpha=0$, an
   independently computed common best outcome, an independently computed one-point pure Pareto
   set and `symalign.has_unique_pareto_payoff` all agree; on the $2\times2$ family so does a
   one-point efficient set of $\operatorname{conv}P$ (`symalign.normalform.pareto.convex_pareto_frontier`).
"""

from __future__ import annotations

import numpy as np
import sympy

import symalign as sa
from symalign.normalform import ca
from symalign.normalform.pareto import convex_pareto_frontier
from symalign.proving.claims import (
    exhaustive,
    generic_game,
    prove_piecewise_linear,
    raw_maxima,
)
from symalign.proving.theorems import theorem

from ._support import integer_tensors


def _common_best(U: np.ndarray) -> bool:
    n = U.shape[0]
    mask = np.ones(U.shape[1:], dtype=bool)
    for i in range(n):
        mask &= U[i] == U[i].max()
    return bool(mask.any())


def _pareto_points(U: np.ndarray) -> set:
    n = U.shape[0]
    pts = {tuple(int(x) for x in U[(slice(None), *a)]) for a in np.ndindex(*U.shape[1:])}
    return {p for p in pts
            if not any(all(q[i] >= p[i] for i in range(n)) and q != p for q in pts)}


def _agree(U: np.ndarray) -> bool:
    g = sa.Game(list(U))
    a0 = ca.alpha(g) == 0
    cb = _common_best(U)
    upe = len(_pareto_points(U)) == 1
    lib = sa.has_unique_pareto_payoff(g)
    ok = a0 == cb == upe == lib
    if g.shape == (2, 2):  # (c): the efficient set of conv P is a single point
        F = convex_pareto_frontier(g)
        ok = ok and ((len(F.vertices) == 1 and not F.facets) == a0)
    return ok


@theorem(
    name="alignment_equality_cases",
    statement=r"\alpha=0\iff\exists\,\mathbf a^*\,\forall i:\ u_i(\mathbf a^*)=\max u_i"
              r"\iff|\mathrm{Pareto}(P)|=1\iff|\mathrm{Pareto}(\operatorname{conv}P)|=1",
    source="Stavrianos & Turner (2021), the equality cases (corrected in symalign); standard game classes",
    scope="generic shapes",
    covers=("certificates on the generic 2x2 game; the exhaustive equivalences on every 2x2 "
            "game with payoffs in {0,1,2}"),
)
def proof():
    """Certificates for (a) => alpha = 0, and exhaustive agreement of the three conditions."""
    parts = []
    g = generic_game((2, 2))
    U = g.sympy_array()
    with raw_maxima():
        a = ca.alpha(g)
    for star in g.outcomes():
        hyps = [sympy.Ge(U[(i, *star)], U[(i, *b)]) for i in range(2) for b in g.outcomes()
                if b != star]
        parts.append(prove_piecewise_linear(a >= 0, assumptions=hyps,
                                            name=f"common best outcome {star} => alpha >= 0"))
    for shape, values in (((2, 2), (0, 1, 2)), ((2, 3), (0, 1)), ((2, 1, 2), (0, 1))):
        parts.append(exhaustive(_agree, integer_tensors(shape, values),
                                name=f"three conditions agree on {shape}",
                                description=f"all {shape} games with payoffs in {set(values)}"))
    return parts
