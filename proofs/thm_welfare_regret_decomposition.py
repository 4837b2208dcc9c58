r"""The welfare-regret decomposition into collective capability and irrationality loss.

.. math::

    \mathrm{WR}(\sigma)=(1-\mathrm{CC}(\sigma))\,(w^*-w_0)+(w_0-w_\varepsilon),\qquad
    \mathrm{CC}(\sigma)=\frac{w(\sigma)-w_\varepsilon}{w^*-w_0}\quad(w^*\ne w_0).

Source: Sourbut, Hammond & Wood (2024), collective capability (derived for symalign; the first two
terms of the authors' plotted bound).

Method: lemma chain.

1. *identity*: with symbols $w,w^*,w_0,w_\varepsilon$ and the definition of CC, both sides agree;
2. *exhaustive*: `symalign.delegation.capability.regret_decomposition` (pure equilibria, $\varepsilon=0$)
   at every pure profile of every catalogue game, against the definitions computed here: it
   raises `UndefinedMetricError` exactly when there is no pure NE or $w^*=w_0$, and otherwise
   reports $w^*$, $w_0$, $w_\varepsilon=w_0$, $\mathrm{CC}$, WR and the cooperation term as
   defined. A library error anywhere else is a failure, never a pass.
"""

from __future__ import annotations

import sympy

import symalign as sa
from symalign.delegation.capability import regret_decomposition
from symalign.proving.claims import check_identity, exhaustive
from symalign.proving.theorems import theorem


def _items():
    for key, (f, _) in sa.games.CATALOGUE.items():
        g = f()
        for a in g.outcomes():
            yield key, g, a


def _reference(g, a):
    """``(w(a), w*, w_0)`` from the definitions (pure equilibria found by checking every
    unilateral deviation); ``w_0`` is None when there is no pure equilibrium."""
    U = g.sympy_array()
    n = g.n_players
    outcomes = list(g.outcomes())
    W = {s: sum(U[i][s] for i in range(n)) for s in outcomes}
    ne = [s for s in outcomes
          if all(U[i][s] >= U[i][s[:i] + (b,) + s[i + 1:]]
                 for i in range(n) for b in range(g.shape[i]))]
    return W[tuple(a)], max(W.values()), (min(W[s] for s in ne) if ne else None)


def _rule(item) -> bool:
    """The library's decomposition against the definitions: CC is undefined (an error) exactly
    when there is no pure NE or w* = w_0, and otherwise every term is the defined one
    (eps = 0, so w_eps = w_0)."""
    _, g, a = item
    w, w_star, w0 = _reference(g, a)
    if w0 is None or w_star == w0:
        try:
            regret_decomposition(g, a)
        except sa.UndefinedMetricError:
            return True
        return False
    r = regret_decomposition(g, a)
    cc = (w - w0) / (w_star - w0)
    return (r.w_star == w_star and r.w_0 == w0 and r.w_eps == w0
            and r.collective_capability == cc and r.welfare_regret == w_star - w
            and r.cooperation_term == (1 - cc) * (w_star - w0)
            and r.irrationality_loss == 0 and r.identity_holds is True)


@theorem(
    name="welfare_regret_decomposition",
    statement=r"\mathrm{WR}(\sigma)=(1-\mathrm{CC}(\sigma))(w^*-w_0)+(w_0-w_\varepsilon)",
    source="Sourbut, Hammond & Wood (2024), individual and collective capability",
    hypotheses=(r"w^*\ne w_0",),
    scope="every shape",
    covers=("an identity on free symbols; the library against the definition on every pure "
            "profile of the catalogue"),
)
def proof():
    """The algebraic identity, then the library's decomposition on the catalogue."""
    w, ws, w0, we = sympy.symbols("w w^* w_0 w_epsilon", real=True)
    cc = (w - we) / (ws - w0)
    parts = [check_identity(ws - w, (1 - cc) * (ws - w0) + (w0 - we),
                            name="WR = (1 - CC)(w* - w0) + (w0 - w_eps)")]
    parts.append(exhaustive(_rule, _items(), name="regret_decomposition on the catalogue",
                            description="every pure profile of every catalogue game"))
    return parts
