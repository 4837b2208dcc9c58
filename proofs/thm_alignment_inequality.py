r"""The Alignment inequality: the best attainable welfare never exceeds utopia.

.. math::

    \mathrm{OPT}=\max_{\mathbf a}\sum_i u_i(\mathbf a)\ \le\ U^\star=\sum_i\max_{\mathbf a}u_i(\mathbf a),

for the generic $2\times2$, $2\times3$ and $2\times2\times2$ games.

Source: ``normal_form_alignment.md`` §3.1 (the inequality (A)), [post].

Method: certificate per argmax case. For $2\times2$ and $2\times3$ every maximum is split
(the full argmax case analysis: $4^3=64$ and $6^3=216$ cases); for $2\times2\times2$ only OPT
is split (8 cases) and each $\max u_i$ is kept as a variable bounded below by every $u_i(\mathbf a)$.
In the case $\mathbf a^*\in\arg\max W$ the certificate is
$U^\star-\mathrm{OPT}=\sum_i(\max u_i-u_i(\mathbf a^*))$.
"""

from __future__ import annotations

import sys
import time

import symalign as sa
from symalign.proving.claims import Verification, generic_game, prove_piecewise_linear, raw_maxima

from ._support import SHAPES, finish

NAME = "alignment_inequality"
STATEMENT = (r"\mathrm{OPT}\le U^\star=\sum_i\max_{\mathbf a}u_i(\mathbf a)"
             r"\ \text{for generic } 2\times2,\ 2\times3,\ 2\times2\times2 \text{ games}")
SOURCE = "normal_form_alignment.md §3.1"
HYPOTHESES = ()
EXPECTED = True


def statement() -> str:
    """The theorem in LaTeX."""
    return STATEMENT


def proof() -> Verification:
    """Prove (A) per argmax case with exact certificates (`symalign.max_welfare`, `symalign.utopia_welfare`)."""
    t0 = time.perf_counter()
    parts = []
    for shape in SHAPES:
        g = generic_game(shape)
        with raw_maxima():
            claim = sa.max_welfare(g) <= sa.utopia_welfare(g)
        split = "all" if len(shape) == 2 else "needed"
        parts.append(prove_piecewise_linear(claim, split=split, name=f"{NAME} {shape}"))
    return finish(sys.modules[__name__], parts, t0=t0, method="certificate", instances=True)
