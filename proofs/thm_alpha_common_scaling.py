r"""$\alpha$ is equivariant under a common positive scaling.

.. math::

    \alpha(\lambda u)=\lambda\,\alpha(u)\qquad(\lambda>0),

for the generic $2\times2$, $2\times3$ and $2\times2\times2$ games.

Source: ``normal_form_alignment.md`` §3.4 ([der]; it fails for $\lambda<0$).

Method: identity, with the exact lemma $\max_k(\lambda x_k)=\lambda\max_kx_k$ for $\lambda>0$.
"""

from __future__ import annotations

import sys
import time

import sympy

import symalign as sa
from symalign.normalform import ca
from symalign.proving.claims import Verification, check_identity, generic_game, raw_maxima

from ._support import SHAPES, finish

NAME = "alpha_common_scaling"
STATEMENT = r"\alpha(\lambda u)=\lambda\,\alpha(u)\ \text{for every }\lambda>0"
SOURCE = "normal_form_alignment.md §3.4"
HYPOTHESES = (r"\lambda>0",)
EXPECTED = True


def statement() -> str:
    """The theorem in LaTeX."""
    return STATEMENT


def proof() -> Verification:
    """Identity ``alpha(lambda u) - lambda alpha(u) = 0`` for each generic shape."""
    t0 = time.perf_counter()
    lam = sympy.Symbol("lambda", positive=True)
    parts = []
    for shape in SHAPES:
        g = generic_game(shape)
        U = g.sympy_array()
        scaled = sa.Game([lam * U[i] for i in range(len(shape))])
        with raw_maxima():
            parts.append(check_identity(ca.alpha(scaled), lam * ca.alpha(g), [lam > 0],
                                        name=f"alpha(lambda u) = lambda alpha(u) {shape}"))
    return finish(sys.modules[__name__], parts, t0=t0, method="identity", instances=True)
