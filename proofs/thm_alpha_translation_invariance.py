r"""$\alpha$ is invariant under per-player translation.

.. math::

    \alpha(u_0+b_0,\dots,u_{n-1}+b_{n-1})=\alpha(u_0,\dots,u_{n-1})\qquad(b_i\in\mathbb R),

for the generic $2\times2$, $2\times3$ and $2\times2\times2$ games with symbolic shifts $b_i$.

Source: ``normal_form_alignment.md`` §3.4 ([der]: OPT and $U^\star$ both shift by $\sum_ib_i$).

Method: identity. `symalign.alpha` is evaluated on the shifted generic game and the difference
to the unshifted value is reduced to $0$ with the exact lemma
$\max_k(x_k+c)=\max_kx_k+c$.
"""

from __future__ import annotations

import sys
import time

import sympy

import symalign as sa
from symalign.normalform import ca
from symalign.proving.claims import Verification, check_identity, generic_game, raw_maxima

from ._support import SHAPES, finish

NAME = "alpha_translation_invariance"
STATEMENT = r"\alpha(u+b)=\alpha(u)\ \text{for per-player shifts } b\in\mathbb R^n"
SOURCE = "normal_form_alignment.md §3.4"
HYPOTHESES = (r"b_i\in\mathbb R",)
EXPECTED = True


def statement() -> str:
    """The theorem in LaTeX."""
    return STATEMENT


def proof() -> Verification:
    """Identity ``alpha(u + b) - alpha(u) = 0`` for each generic shape."""
    t0 = time.perf_counter()
    parts = []
    for shape in SHAPES:
        g = generic_game(shape)
        U = g.sympy_array()
        b = sympy.symbols(f"b_0:{len(shape)}", real=True)
        shifted = sa.Game([U[i] + b[i] for i in range(len(shape))])
        with raw_maxima():
            parts.append(check_identity(ca.alpha(shifted), ca.alpha(g),
                                        name=f"alpha(u + b) = alpha(u) {shape}"))
    return finish(sys.modules[__name__], parts, t0=t0, method="identity", instances=True)
