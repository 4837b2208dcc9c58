r"""The Prisoner's Dilemma covariance formula.

With $p_i$ the probability that player $i$ defects (independently), in PD(+) and PD(−):

.. math::

    \mathrm{Cov}_\sigma(u_0,u_1)=-2\sum_ip_i(1-p_i).

Source: aphyer's answer to Turner (2021) (checked for symalign: a defection changes (own, other)
payoff by $(+1,-2)$).

Method: identity, on `symalign.normalform.local_metrics.covariance` with the symbolic profile
$((1-p_0,p_0),(1-p_1,p_1))$, plus the worked test vectors $-1$ at $p=(\tfrac12,\tfrac12)$ and
$-\tfrac{17}{18}$ at $p=(\tfrac13,\tfrac12)$.
"""

from __future__ import annotations

import sympy
from sympy import Rational

import symalign as sa
from symalign.normalform.local_metrics import covariance
from symalign.proving.claims import check_identity
from symalign.proving.theorems import theorem

from ._support import step


@theorem(
    name="pd_covariance",
    statement=r"\mathrm{Cov}_\sigma(u_0,u_1)=-2\textstyle\sum_ip_i(1-p_i)\ \text{in PD}(\pm)",
    source="Stavrianos & Turner (2021); aphyer on Turner's open problem (2021)",
    hypotheses=(r"p_i=\Pr[\text{player } i \text{ defects}]\in[0,1]",),
    scope="generic shapes",
    covers="PD(+) with a symbolic mixed profile (every profile)",
    instances=True,
)
def proof():
    """Identity for PD(+) and PD(-), then two worked test vectors."""
    p = sympy.symbols("p_0 p_1", real=True)
    sigma = sa.MixedProfile([[1 - p[0], p[0]], [1 - p[1], p[1]]])
    parts = []
    for label, g in (("PD(+)", sa.games.prisoners_dilemma()),
                     ("PD(-)", sa.games.prisoners_dilemma(0, -1, -2, -3))):
        parts.append(check_identity(covariance(g, sigma, 0, 1),
                                    -2 * sum(x * (1 - x) for x in p), name=f"{label}"))
    pd = sa.games.prisoners_dilemma()
    v1 = covariance(pd, [["1/2", "1/2"], ["1/2", "1/2"]], 0, 1)
    v2 = covariance(pd, [["2/3", "1/3"], ["1/2", "1/2"]], 0, 1)
    parts.append(step(f"Cov at p=(1/2,1/2) is {v1}; at p=(1/3,1/2) is {v2}",
                      "exact comparison with the worked values", v1 == -1 and v2 == Rational(-17, 18)))
    return parts
