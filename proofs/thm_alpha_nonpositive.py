r"""The C-A alignment metric is never positive, and is bounded below by the welfare shortfall.

.. math::

    W(\mu)-U^\star\ \le\ \alpha=\max_{\mathbf a}\sum_iu_i(\mathbf a)-\sum_i\max_{\mathbf a}u_i(\mathbf a)\ \le\ 0

for every correlated profile $\mu$, for the generic $2\times2$, $2\times3$ and $2\times2\times2$ games.

Source: Stavrianos & Turner (2021), alpha, and docs/discussion/coordination-alignment.rst (the post's interval
"$\alpha\in[\sum_iu_i(\vec a)-\sum_i\max u_i,0]$").

Method: certificate per argmax case, applied to the value returned by `symalign.alpha`
(so a broken ``alpha`` fails this proof). The upper bound splits the maximum of $W$ into its
argmax cases; the lower bound is bilinear in $(\mu,u)$ and uses degree-two products. Then
*exhaustive*: on games whose payoffs tie in floating point but differ exactly (issue 19's
pair), the library's $\alpha$ and its terms ($U^\star$, OPT, and the minimum of $u_0$, the other
end of the same extreme search) equal the definitions computed with Fractions.
"""

from __future__ import annotations

from fractions import Fraction

import sympy

import symalign as sa
from symalign.normalform import ca
from symalign.proving.claims import (
    exhaustive,
    generic_profile,
    prove_piecewise_linear,
)
from symalign.proving.theorems import theorem

from ._support import PER_SHAPE_CERTIFICATE, per_shape


@theorem(
    name="alpha_nonpositive",
    statement=r"W(\mu)-U^\star\le\alpha\le0\ \text{for all }\mu\in\Delta(A),"
              r"\ \text{generic } 2\times2,\ 2\times3,\ 2\times2\times2 \text{ games}",
    source="Stavrianos & Turner (2021), the Coordination-Alignment inequalities; Stavrianos & Turner (2021), properties of alpha",
    hypotheses=(r"\mu\in\Delta(A)",),
    **PER_SHAPE_CERTIFICATE,
)
def proof():
    """Prove ``alpha <= 0`` and ``W(mu) - U* <= alpha`` per argmax case."""

    def bounds(shape, g):
        a = ca.alpha(g)
        split = "all" if shape == (2, 2) else "needed"
        out = [prove_piecewise_linear(a <= 0, split=split, name=f"alpha <= 0 {shape}")]
        if len(shape) == 2:
            mu, hyps = generic_profile(shape)
            out.append(prove_piecewise_linear(sa.welfare(g, mu) - sa.utopia_welfare(g) <= a,
                                              assumptions=hyps, products=True,
                                              name=f"W(mu) - U* <= alpha {shape}"))
        return out
    return per_shape(bounds) + [exhaustive(
        _exact_at_float_ties, _float_ties(), name="the library's alpha, U*, OPT and min u_0 at float ties",
        description="games whose payoffs tie in floating point but not exactly")]


def _float_ties():
    """Player 0's payoffs a > b with float(a) == float(b) (issue 19), in both orders, with an
    indifferent player 1 (so alpha = 0) and with player 1 preferring the other outcome."""
    a = Fraction(2305843009213694152, 1048583)
    b = Fraction(2305856203265147648, 1048589)
    for first, second in ((a, b), (b, a)):
        for u1 in ((0, 0), (0, 1), (1, 0)):
            yield [[first, second], list(u1)]


def _exact_at_float_ties(rows) -> bool:
    """``alpha = OPT - U*`` computed with Fractions (the definition) equals the library's."""
    u0, u1 = rows
    opt = max(x + y for x, y in zip(u0, u1))
    want = opt - max(u0) - max(u1)
    g = sa.Game([[[str(x)] for x in u0], [[y] for y in u1]])
    R = lambda f: sympy.Rational(f.numerator, f.denominator)  # noqa: E731
    return (ca.alpha(g) == R(want) and want <= 0
            and sa.utopia_welfare(g) == R(max(u0) + max(u1)) and sa.max_welfare(g) == R(opt)
            and sa.min_welfare(g, [1, 0]) == R(min(u0)))
