r"""Individual alignment lies in $[0,1]$ and has the Pearson form.

For EPIC (uniform measure), with $\rho=\langle\hat\nu,\nu\rangle$ the Pearson correlation of
$\hat u$ and $u$:

.. math::

    d(\hat\nu,\nu)=\tfrac12\lVert\hat\nu-\nu\rVert_2=\sqrt{\tfrac{1-\rho}2},\qquad
    \mathrm{IA}=1-\sqrt{\tfrac{1-\rho}2}\in[0,1].

Source: Sourbut, Hammond & Wood (2024), individual alignment (standard; derived for symalign).

Method: lemma chain.

1. *identity*: for generic non-constant $\hat u,u$ on three outcomes, with $\hat\nu,\nu$ from
   `symalign.delegation.standardisation.standardise`, $d^2-(1-\rho)/2$ simplifies to 0 (because
   $\lVert\hat\nu\rVert=\lVert\nu\rVert=1$);
2. *identity* (Lagrange, a sum-of-squares witness of Cauchy–Schwarz):
   $(\sum a^2)(\sum b^2)-(\sum ab)^2=\sum_{j<k}(a_jb_k-a_kb_j)^2$, so $\rho\in[-1,1]$ and
   $d\in[0,1]$;
3. *exhaustive*: for every pair of non-constant $\hat u,u\in\{0,1,2\}^3$,
   `symalign.delegation.alignment.pairwise_alignment` equals $1-\sqrt{(1-\rho)/2}$ with $\rho$ from
   `pearson_correlation`, and lies in $[0,1]$; the worked test vectors (PD(+), MP, BoS) agree.
"""

from __future__ import annotations

import itertools

import sympy
from sympy import sqrt

from symalign.delegation.alignment import pairwise_alignment, pearson_correlation
from symalign.delegation.standardisation import EPIC, standardise
from symalign.proving.claims import check_identity, exhaustive
from symalign.proving.theorems import theorem

from ._support import step


def _branch(e):
    return e.args[0].expr if isinstance(e, sympy.Piecewise) else e


def _pearson_form(pair) -> bool:
    uh, u = pair
    ia = pairwise_alignment(list(uh), list(u))
    rho = pearson_correlation(list(uh), list(u))
    form = 1 - sqrt((1 - rho) / 2)
    return bool(sympy.simplify(ia - form) == 0) and -1 <= rho <= 1 and bool(ia >= 0) and bool(ia <= 1)


@theorem(
    name="individual_alignment",
    statement=r"d_{\rm EPIC}(\hat\nu,\nu)=\sqrt{(1-\rho)/2},\quad "
              r"\mathrm{IA}=1-\sqrt{(1-\rho)/2}\in[0,1]",
    source="Sourbut, Hammond & Wood (2024), individual and collective alignment",
    hypotheses=(r"\hat u,u\ \text{not constant}",),
    scope="generic shapes",
    covers="generic utilities on three outcomes; the library on named instances",
)
def proof():
    """The Pearson identity on generic utilities, Cauchy–Schwarz by SOS, an exhaustive check."""
    uh = sympy.symbols("uhat_0:3", real=True)
    u = sympy.symbols("u_0:3", real=True)
    nh = [_branch(e) for e in standardise(list(uh), EPIC).vector]
    n = [_branch(e) for e in standardise(list(u), EPIC).vector]
    d2 = sum((a - b)**2 for a, b in zip(nh, n)) / 4
    rho = sum(a * b for a, b in zip(nh, n))
    parts = [check_identity(d2, (1 - rho) / 2, name="d^2 = (1 - rho)/2 (generic, 3 outcomes)")]
    a = sympy.symbols("a_0:3", real=True)
    b = sympy.symbols("b_0:3", real=True)
    parts.append(check_identity(sum(x * x for x in a) * sum(y * y for y in b)
                                - sum(x * y for x, y in zip(a, b))**2,
                                sum((a[j] * b[k] - a[k] * b[j])**2
                                    for j, k in itertools.combinations(range(3), 2)),
                                name="Lagrange identity: rho^2 <= 1"))
    nonconst = [v for v in itertools.product(range(3), repeat=3) if len(set(v)) > 1]
    parts.append(exhaustive(_pearson_form, itertools.product(nonconst, repeat=2),
                            name="IA = 1 - sqrt((1 - rho)/2) in [0, 1]",
                            description="all pairs of non-constant vectors in {0,1,2}^3"))
    vectors = {"PD(+)": (([2, 0, 3, 1], [2, 3, 0, 1]), 1 - 3 * sqrt(10) / 10),
               "MP": (([-1, 1, 1, -1], [1, -1, -1, 1]), 0),
               "BoS": (([2, 0, 0, 1], [1, 0, 0, 2]), 1 - sqrt(22) / 11)}
    ok = all(sympy.simplify(pairwise_alignment(*uv) - val) == 0 for uv, val in vectors.values())
    parts.append(step("IA test vectors PD(+), MP, BoS", "exact comparison with the worked values", ok))
    return parts
