r"""The Alignment inequality: the best attainable welfare never exceeds utopia.

.. math::

    \mathrm{OPT}=\max_{\mathbf a}\sum_i u_i(\mathbf a)\ \le\ U^\star=\sum_i\max_{\mathbf a}u_i(\mathbf a),

for the generic $2\times2$, $2\times3$ and $2\times2\times2$ games.

Source: Stavrianos & Turner (2021), the C-A inequalities (the inequality (A)).

Method: certificate per argmax case. For $2\times2$ and $2\times3$ every maximum is split
(the full argmax case analysis: $4^3=64$ and $6^3=216$ cases); for $2\times2\times2$ only OPT
is split (8 cases) and each $\max u_i$ is kept as a variable bounded below by every $u_i(\mathbf a)$.
In the case $\mathbf a^*\in\arg\max W$ the certificate is
$U^\star-\mathrm{OPT}=\sum_i(\max u_i-u_i(\mathbf a^*))$.
"""

from __future__ import annotations

import symalign as sa
from symalign.proving.claims import prove_piecewise_linear
from symalign.proving.theorems import theorem

from ._support import PER_SHAPE_CERTIFICATE, per_shape


@theorem(
    name="alignment_inequality",
    statement=r"\mathrm{OPT}\le U^\star=\sum_i\max_{\mathbf a}u_i(\mathbf a)"
              r"\ \text{for generic } 2\times2,\ 2\times3,\ 2\times2\times2 \text{ games}",
    source="Stavrianos & Turner (2021), the Coordination-Alignment inequalities",
    **PER_SHAPE_CERTIFICATE,
)
def proof():
    """Prove (A) per argmax case with exact certificates (`symalign.max_welfare`, `symalign.utopia_welfare`)."""

    def alignment(shape, g):
        split = "all" if len(shape) == 2 else "needed"
        return prove_piecewise_linear(sa.max_welfare(g) <= sa.utopia_welfare(g), split=split,
                                      name=f"OPT <= U* {shape}")
    return per_shape(alignment)
