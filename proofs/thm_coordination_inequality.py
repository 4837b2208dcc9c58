r"""The Coordination inequality: expected welfare never exceeds the best attainable welfare.

.. math::

    W(\mu) \le \mathrm{OPT} = \max_{\mathbf a\in A} W(\mathbf a)
    \qquad\text{for every correlated profile } \mu\in\Delta(A),

proved for the generic $2\times2$, $2\times3$ and $2\times2\times2$ games (every payoff its own
symbol) and a generic correlated profile (one symbol per outcome, the last outcome taking
$1-\sum$ of the others).

Source: ``normal_form_alignment.md`` §3.1 (the inequality (C)), [post].

Method: certificate. OPT is a maximum on the large side, so it is a variable $M$ with
$M \ge W(\mathbf a)$ for every $\mathbf a$; the certificate is the degree-two identity
$M - W(\mu) = \sum_{\mathbf a}\mu(\mathbf a)\,(M - W(\mathbf a))$, found by LP and re-checked
exactly.
"""

from __future__ import annotations

import sys
import time

import symalign as sa
from symalign.proving.claims import (
    Verification,
    generic_game,
    generic_profile,
    prove_piecewise_linear,
    raw_maxima,
)

from ._support import SHAPES, finish

NAME = "coordination_inequality"
STATEMENT = (r"W(\mu)\le\mathrm{OPT}=\max_{\mathbf a}W(\mathbf a)"
             r"\ \text{for all }\mu\in\Delta(A),\ \text{generic } 2\times2,\ 2\times3,\ 2\times2\times2")
SOURCE = "normal_form_alignment.md §3.1"
HYPOTHESES = (r"\mu(\mathbf a)\ge0", r"\sum_{\mathbf a}\mu(\mathbf a)=1")
EXPECTED = True


def statement() -> str:
    """The theorem in LaTeX."""
    return STATEMENT


def proof() -> Verification:
    """Prove (C) for each generic shape by a degree-two certificate (`symalign.welfare`, `symalign.max_welfare`)."""
    t0 = time.perf_counter()
    parts = []
    for shape in SHAPES:
        g = generic_game(shape)
        mu, hyps = generic_profile(shape)
        with raw_maxima():
            claim = sa.welfare(g, mu) <= sa.max_welfare(g)
        parts.append(prove_piecewise_linear(claim, assumptions=hyps, products=True,
                                            name=f"{NAME} {shape}"))
    return finish(sys.modules[__name__], parts, t0=t0, method="certificate", instances=True)
