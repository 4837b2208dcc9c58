r"""(Refuted) The seed post's surplus claim with the maxmin-profile reference.

The post defines $s_i(\mathbf a)=u_i(\mathbf a)-u_i(\mathbf a_0)$ with $\mathbf a_0$ a profile of
(pure) maxmin actions and claims

.. math::

    a_i\in\mathrm{BR}_i(\mathbf a_{-i})\ \Longrightarrow\ s_i(\mathbf a)\ge0 .

It is **false** (expected: refuted). An exact search over the catalogue games, every profile of
pure maxmin actions $\mathbf a_0$, every profile $\mathbf a$ and every best-responding player
finds the known counterexample: in the Surplus counterexample game, $\mathbf a_0=(Y,R)$ and at
$(Y,L)$ player 0 best-responds ($2>0$), yet $s_0=2-3=-1<0$.

Source: Stavrianos & Turner (2021), surplus, and docs/discussion/errata.rst.

Method: exhaustive (a refuting search with `symalign.normalform.bargaining.surplus`).
"""

from __future__ import annotations

import itertools

import numpy as np

import symalign as sa
from symalign.normalform.bargaining import surplus
from symalign.normalform.equilibria import best_responses
from symalign.proving.claims import refute_by_search
from symalign.proving.theorems import Conclusion, theorem

from ._support import step


def maxmin_actions(g, i) -> tuple:
    """Player ``i``'s pure maxmin actions."""
    arr = np.moveaxis(g.sympy_array()[i], i, 0).reshape(g.shape[i], -1)
    mins = [min(row) for row in arr.tolist()]
    return tuple(k for k, m in enumerate(mins) if m == max(mins))


def _cases():
    games = [("surplus-counterexample", sa.games.surplus_counterexample())]
    games += [(k, f()) for k, (f, _) in sa.games.CATALOGUE.items() if k != "surplus-counterexample"]
    for key, g in games:
        for a0 in itertools.product(*(maxmin_actions(g, i) for i in range(g.n_players))):
            for a in g.outcomes():
                for i in range(g.n_players):
                    if a[i] in best_responses(g, i, a):
                        yield key, g, a0, a, i


@theorem(
    name="surplus_claim_refuted",
    statement=r"a_i\in\mathrm{BR}_i(\mathbf a_{-i})\Rightarrow u_i(\mathbf a)-u_i(\mathbf a_0)\ge0"
              r"\ \text{for every profile } \mathbf a_0 \text{ of pure maxmin actions}",
    source="Stavrianos & Turner (2021), surplus; Stavrianos & Turner (2021), errata in the posts",
    hypotheses=(r"\mathbf a_0\in\prod_i\arg\max_{a_i}\min_{\mathbf a_{-i}}u_i",),
    expected=False,
    scope="counterexample",
    covers="the surplus counterexample, found by a search over the catalogue",
    method="exhaustive",
)
def proof():
    """Search for a best-responding player with negative profile-referenced surplus."""
    search = refute_by_search(
        lambda c: surplus(c[1], c[3], threat_profile=c[2])[c[4]] >= 0, _cases(),
        name="search: catalogue x maxmin profiles x best responses",
        description="catalogue games, every maxmin profile a0, every profile, every best responder")
    cx = search.counterexample
    cxd = None if cx is None else {"game": cx[0], "a0": cx[2], "profile": cx[3], "player": cx[4],
                                   "surplus": surplus(cx[1], cx[3], threat_profile=cx[2])[cx[4]]}
    g = sa.games.surplus_counterexample()
    spec = step("Surplus cx.: s_0(Y,L) = -1 with a0 = (Y,R)", "exact worked value",
                surplus(g, ("Y", "L"), threat_profile=("Y", "R"))[0] == -1
                and 0 in best_responses(g, 0, (1, 0)) or 1 in best_responses(g, 0, (1, 0)))
    holds = False if search.holds is False and spec.holds else None
    return Conclusion(tuple([search, spec]), holds=holds, counterexample=cxd, overrides=True)
