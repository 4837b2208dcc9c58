r"""The C-A alignment metric is never positive, and is bounded below by the welfare shortfall.

.. math::

    W(\mu)-U^\star\ \le\ \alpha=\max_{\mathbf a}\sum_iu_i(\mathbf a)-\sum_i\max_{\mathbf a}u_i(\mathbf a)\ \le\ 0

for every correlated profile $\mu$, for the generic $2\times2$, $2\times3$ and $2\times2\times2$ games.

Source: ``normal_form_alignment.md`` §3.2 and §3.4 (the post's interval
"$\alpha\in[\sum_iu_i(\vec a)-\sum_i\max u_i,0]$").

Method: certificate per argmax case, applied to the value returned by `symalign.alpha`
(so a broken ``alpha`` fails this proof). The upper bound splits the maximum of $W$ into its
argmax cases; the lower bound is bilinear in $(\mu,u)$ and uses degree-two products.
"""

from __future__ import annotations

import sys
import time

import symalign as sa
from symalign.normalform import ca
from symalign.proving.claims import (
    Verification,
    generic_game,
    generic_profile,
    prove_piecewise_linear,
    raw_maxima,
)

from ._support import SHAPES, finish

NAME = "alpha_nonpositive"
STATEMENT = (r"W(\mu)-U^\star\le\alpha\le0\ \text{for all }\mu\in\Delta(A),"
             r"\ \text{generic } 2\times2,\ 2\times3,\ 2\times2\times2 \text{ games}")
SOURCE = "normal_form_alignment.md §3.2, §3.4"
HYPOTHESES = (r"\mu\in\Delta(A)",)
EXPECTED = True


def statement() -> str:
    """The theorem in LaTeX."""
    return STATEMENT


def proof() -> Verification:
    """Prove ``alpha <= 0`` and ``W(mu) - U* <= alpha`` per argmax case."""
    t0 = time.perf_counter()
    parts = []
    for shape in SHAPES:
        g = generic_game(shape)
        with raw_maxima():
            a = ca.alpha(g)
            split = "all" if shape == (2, 2) else "needed"
            parts.append(prove_piecewise_linear(a <= 0, split=split, name=f"alpha <= 0 {shape}"))
            mu, hyps = generic_profile(shape)
            lower = sa.welfare(g, mu) - sa.utopia_welfare(g) <= a
        if len(shape) == 2:
            parts.append(prove_piecewise_linear(lower, assumptions=hyps, products=True,
                                                name=f"W(mu) - U* <= alpha {shape}"))
    return finish(sys.modules[__name__], parts, t0=t0, method="certificate", instances=True)
