r"""With the security reference, a best-responding player has non-negative surplus.

.. math::

    a_i\in\mathrm{BR}_i(\mathbf a_{-i})\ \Longrightarrow\ u_i(\mathbf a)-v_i^{\rm pure}\ge0,
    \qquad v_i^{\rm pure}=\max_{a_i}\min_{\mathbf a_{-i}}u_i .

Source: Stavrianos & Turner (2021), surplus (true with reference $v_i$, by von Neumann's minimax
theorem).

Method: lemma chain.

1. *certificate* (generic $2\times2$, player 0, every column $b$ and row $k$):
   $\max_au_0(a,b)\ge\min_{b'}u_0(k,b')$; as $k$ ranges over the rows this is
   $\max_au_0(a,b)\ge v_0^{\rm pure}$;
2. *exhaustive*: every $2\times2$ game with payoffs in $\{0,1,2\}$, every pure profile, every
   best-responding player: `symalign.normalform.bargaining.surplus` with the pure security reference is
   $\ge0$.
"""

from __future__ import annotations

import sympy

from symalign.normalform.bargaining import surplus
from symalign.normalform.equilibria import best_responses
from symalign.proving.claims import exhaustive, generic_game, prove_piecewise_linear
from symalign.proving.theorems import theorem

from ._support import small_games


def _rule(g) -> bool:
    for a in g.outcomes():
        s = surplus(g, a, mixed=False)
        for i in range(2):
            if a[i] in best_responses(g, i, a) and not s[i] >= 0:
                return False
    return True


@theorem(
    name="surplus_security_reference",
    statement=r"a_i\in\mathrm{BR}_i(\mathbf a_{-i})\Rightarrow u_i(\mathbf a)-v_i^{\rm pure}\ge0",
    source="Stavrianos & Turner (2021), surplus; von Neumann's minimax theorem",
    scope="generic shapes",
    covers="the generic 2x2 game (player 0); every 2x2 game with payoffs in {0,1,2}",
)
def proof():
    """Certificates on the generic game, then the exhaustive check of the library."""
    U = generic_game((2, 2)).sympy_array()[0]
    parts = []
    for b in range(2):
        for k in range(2):
            claim = sympy.Max(U[0, b], U[1, b]) >= sympy.Min(U[k, 0], U[k, 1])
            parts.append(prove_piecewise_linear(claim, name=f"max_a u(a,{b}) >= min_b' u({k},b')"))
    parts.append(exhaustive(_rule, small_games((2, 2), (0, 1, 2)),
                            name="best responder has s^(v) >= 0",
                            description="all 2x2 games with payoffs in {0,1,2}"))
    return parts
