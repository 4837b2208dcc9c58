r"""The Coordination inequality: expected welfare never exceeds the best attainable welfare.

.. math::

    W(\mu) \le \mathrm{OPT} = \max_{\mathbf a\in A} W(\mathbf a)
    \qquad\text{for every correlated profile } \mu\in\Delta(A),

proved for the generic $2\times2$, $2\times3$ and $2\times2\times2$ games (every payoff its own
symbol) and a generic correlated profile (one symbol per outcome, the last outcome taking
$1-\sum$ of the others).

Source: Stavrianos & Turner (2021), the C-A inequalities (the inequality (C)).

Method: certificate. OPT is a maximum on the large side, so it is a variable $M$ with
$M \ge W(\mathbf a)$ for every $\mathbf a$; the certificate is the degree-two identity
$M - W(\mu) = \sum_{\mathbf a}\mu(\mathbf a)\,(M - W(\mathbf a))$, found by LP and re-checked
exactly.
"""

from __future__ import annotations

import symalign as sa
from symalign.proving.claims import (
    generic_profile,
    prove_piecewise_linear,
)
from symalign.proving.theorems import theorem

from ._support import PER_SHAPE_CERTIFICATE, per_shape


@theorem(
    name="coordination_inequality",
    statement=r"W(\mu)\le\mathrm{OPT}=\max_{\mathbf a}W(\mathbf a)"
              r"\ \text{for all }\mu\in\Delta(A),\ \text{generic } 2\times2,\ 2\times3,\ 2\times2\times2",
    source="Stavrianos & Turner (2021), the Coordination-Alignment inequalities",
    hypotheses=(r"\mu(\mathbf a)\ge0", r"\sum_{\mathbf a}\mu(\mathbf a)=1"),
    **PER_SHAPE_CERTIFICATE,
)
def proof():
    """Prove (C) for each generic shape by a degree-two certificate (`symalign.welfare`, `symalign.max_welfare`)."""

    def coordination(shape, g):
        mu, hyps = generic_profile(shape)
        return prove_piecewise_linear(sa.welfare(g, mu) <= sa.max_welfare(g), assumptions=hyps,
                                      products=True, name=f"W(mu) <= OPT {shape}")
    return per_shape(coordination)
