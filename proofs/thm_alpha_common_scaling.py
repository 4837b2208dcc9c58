r"""$\alpha$ is equivariant under a common positive scaling.

.. math::

    \alpha(\lambda u)=\lambda\,\alpha(u)\qquad(\lambda>0),

for the generic $2\times2$, $2\times3$ and $2\times2\times2$ games.

Source: docs/discussion/coordination-alignment.rst, "Invariances" (derived for symalign; it fails
for $\lambda<0$).

Method: identity, with the exact lemma $\max_k(\lambda x_k)=\lambda\max_kx_k$ for $\lambda>0$.
"""

from __future__ import annotations

import sympy

import symalign as sa
from symalign.normalform import ca
from symalign.proving.claims import check_identity
from symalign.proving.theorems import theorem

from ._support import PER_SHAPE_IDENTITY, per_shape


@theorem(
    name="alpha_common_scaling",
    statement=r"\alpha(\lambda u)=\lambda\,\alpha(u)\ \text{for every }\lambda>0",
    source="Stavrianos & Turner (2021), properties of alpha",
    hypotheses=(r"\lambda>0",),
    **PER_SHAPE_IDENTITY,
)
def proof():
    """Identity ``alpha(lambda u) - lambda alpha(u) = 0`` for each generic shape."""
    lam = sympy.Symbol("lambda", positive=True)

    def scaled(shape, g):
        h = sa.Game([lam * u for u in g.sympy_array()])
        return check_identity(ca.alpha(h), lam * ca.alpha(g), [lam > 0],
                              name=f"alpha(lambda u) = lambda alpha(u) {shape}")
    return per_shape(scaled)
