r"""(Refuted) $\alpha$ is invariant under per-player positive scaling.

The claim, which the seed post's criterion "consistency under affine transformations for
individual players" would require, is

.. math::

    \alpha(\lambda_0u_0,\dots,\lambda_{n-1}u_{n-1})=\alpha(u)\qquad(\lambda_i>0).

It is **false** (expected: refuted). A counterexample is found by an exact search over the
catalogue games and the scalings $\lambda\in\{(2,1),(1,2),(3,1)\}$; the worked instance, PD(+)
with player 0's payoffs doubled, gives $\alpha=-3$, which is neither $-2$ (invariance) nor
$2\cdot(-2)=-4$ (equivariance).

Source: docs/discussion/coordination-alignment.rst, "Invariances", and docs/discussion/errata.rst.

Method: exhaustive (a search that refutes; it could not prove the universal claim).
"""

from __future__ import annotations

import symalign as sa
from symalign.normalform import ca
from symalign.proving.claims import refute_by_search
from symalign.proving.theorems import Conclusion, theorem

from ._support import step

SCALINGS = ((2, 1), (1, 2), (3, 1))


def _scaled(g, lam):
    U = g.sympy_array()
    return sa.Game([lam[i] * U[i] for i in range(g.n_players)], g.players, g.actions)


def _candidates():
    for key, (factory, _) in sa.games.CATALOGUE.items():
        g = factory()
        if g.n_players == 2:
            for lam in SCALINGS:
                yield (key, lam, g)


@theorem(
    name="alpha_per_player_scaling",
    statement=r"\alpha(\lambda_0u_0,\dots,\lambda_{n-1}u_{n-1})=\alpha(u)\ \text{for all }\lambda_i>0",
    source="Stavrianos & Turner (2021), properties of alpha; Stavrianos & Turner (2021), errata in the posts",
    hypotheses=(r"\lambda_i>0",),
    expected=False,
    scope="counterexample",
    covers="PD(+) with u_0 doubled, found by a search over the catalogue",
    method="exhaustive",
)
def proof():
    """Search the catalogue for a game and scaling that change alpha; confirm the worked PD value."""
    search = refute_by_search(lambda c: ca.alpha(_scaled(c[2], c[1])) == ca.alpha(c[2]),
                              _candidates(), name="search: catalogue x scalings",
                              description="catalogue games x scalings (2,1), (1,2), (3,1)")
    pd = sa.games.prisoners_dilemma()
    doubled = ca.alpha(_scaled(pd, (2, 1)))
    spec = step(f"alpha(PD(+) with u_0 doubled) = {doubled}",
                "exact value; -3 differs from -2 (invariance) and -4 (equivariance)",
                doubled == -3 and doubled != ca.alpha(pd) and doubled != 2 * ca.alpha(pd))
    cx = search.counterexample
    cx = None if cx is None else {"game": cx[0], "scaling": cx[1],
                                  "alpha": ca.alpha(cx[2]), "alpha_scaled": ca.alpha(_scaled(cx[2], cx[1]))}
    holds = False if (search.holds is False and spec.holds) else None
    return Conclusion(tuple([search, spec]), holds=holds, counterexample=cx, overrides=True)
