r"""The welfare-regret decomposition into collective capability and irrationality loss.

.. math::

    \mathrm{WR}(\sigma)=(1-\mathrm{CC}(\sigma))\,(w^*-w_0)+(w_0-w_\varepsilon),\qquad
    \mathrm{CC}(\sigma)=\frac{w(\sigma)-w_\varepsilon}{w^*-w_0}\quad(w^*\ne w_0).

Source: ``delegation_games.md`` §6.2 ([der]; the first two terms of the authors' plotted bound).

Method: lemma chain.

1. *identity*: with symbols $w,w^*,w_0,w_\varepsilon$ and the definition of CC, both sides agree;
2. *exhaustive*: `symalign.delegation.capability.regret_decomposition` (pure equilibria, $\varepsilon=0$) at
   every pure profile of every catalogue game with $w^*\ne w_0$ reports the identity and its
   terms add up exactly to $\mathrm{WR}=w^*-w(\sigma)$.
"""

from __future__ import annotations

import sys
import time

import sympy

import symalign as sa
from symalign.delegation.capability import regret_decomposition
from symalign.proving.claims import Verification, check_identity, exhaustive

from ._support import finish

NAME = "welfare_regret_decomposition"
STATEMENT = (r"\mathrm{WR}(\sigma)=(1-\mathrm{CC}(\sigma))(w^*-w_0)+(w_0-w_\varepsilon)")
SOURCE = "delegation_games.md §6.2"
HYPOTHESES = (r"w^*\ne w_0",)
EXPECTED = True


def statement() -> str:
    """The theorem in LaTeX."""
    return STATEMENT


def _items():
    for key, (f, _) in sa.games.CATALOGUE.items():
        g = f()
        for a in g.outcomes():
            yield key, g, a


def _rule(item) -> bool:
    _, g, a = item
    try:
        r = regret_decomposition(g, a)
    except (sa.UndefinedMetricError, sa.SymalignError):
        # CC undefined (w* = w_0, or no pure NE): the identity has nothing to decompose
        return True
    wr = sa.max_welfare(g) - sa.welfare(g, a)
    return (r.identity_holds and r.welfare_regret == wr
            and (1 - r.collective_capability) * (r.w_star - r.w_0) + (r.w_0 - r.w_eps) == wr)


def proof() -> Verification:
    """The algebraic identity, then the library's decomposition on the catalogue."""
    t0 = time.perf_counter()
    w, ws, w0, we = sympy.symbols("w w^* w_0 w_epsilon", real=True)
    cc = (w - we) / (ws - w0)
    parts = [check_identity(ws - w, (1 - cc) * (ws - w0) + (w0 - we),
                            name="WR = (1 - CC)(w* - w0) + (w0 - w_eps)")]
    parts.append(exhaustive(_rule, _items(), name="regret_decomposition on the catalogue",
                            description="every pure profile of every catalogue game"))
    return finish(sys.modules[__name__], parts, t0=t0)
