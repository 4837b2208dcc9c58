r"""$\alpha$ is invariant under per-player translation.

.. math::

    \alpha(u_0+b_0,\dots,u_{n-1}+b_{n-1})=\alpha(u_0,\dots,u_{n-1})\qquad(b_i\in\mathbb R),

for the generic $2\times2$, $2\times3$ and $2\times2\times2$ games with symbolic shifts $b_i$.

Source: docs/discussion/coordination-alignment.rst, "Invariances" (derived for symalign: OPT and
$U^\star$ both shift by $\sum_ib_i$).

Method: identity. `symalign.alpha` is evaluated on the shifted generic game and the difference
to the unshifted value is reduced to $0$ with the exact lemma
$\max_k(x_k+c)=\max_kx_k+c$.
"""

from __future__ import annotations

import sympy

import symalign as sa
from symalign.normalform import ca
from symalign.proving.claims import check_identity
from symalign.proving.theorems import theorem

from ._support import PER_SHAPE_IDENTITY, per_shape


@theorem(
    name="alpha_translation_invariance",
    statement=r"\alpha(u+b)=\alpha(u)\ \text{for per-player shifts } b\in\mathbb R^n",
    source="Stavrianos & Turner (2021), properties of alpha",
    hypotheses=(r"b_i\in\mathbb R",),
    **PER_SHAPE_IDENTITY,
)
def proof():
    """Identity ``alpha(u + b) - alpha(u) = 0`` for each generic shape."""

    def shifted(shape, g):
        b = sympy.symbols(f"b_0:{len(shape)}", real=True)
        h = sa.Game([u + bi for u, bi in zip(g.sympy_array(), b)])
        return check_identity(ca.alpha(h), ca.alpha(g), name=f"alpha(u + b) = alpha(u) {shape}")
    return per_shape(shifted)
