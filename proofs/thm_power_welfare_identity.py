r"""The POWER–welfare identity and the POWER shortfall decomposition.

For every mixed profile $\sigma$ (complete information):

.. math::

    \sum_i\mathrm{POWER}_i(\sigma)=W(\sigma)+\mathrm{NashConv}(\sigma),\qquad
    U^\star-\sum_i\mathrm{POWER}_i(\sigma)=\mathrm{AG}+\mathrm{CG}(\sigma)-\mathrm{NashConv}(\sigma).

Source: docs/discussion/power.rst, the POWER–welfare identity (derived for symalign: add and subtract $u_i(\sigma)$ inside each
POWER term).

Method: identity, on the generic $2\times2$ game with a generic mixed profile
$\sigma=((p,1-p),(q,1-q))$ and the generic $2\times2\times2$ game with a generic mixed profile,
using `symalign.normalform.power.powers`, `symalign.normalform.power.nashconv`, `symalign.welfare`,
`symalign.alignment_gap`, `symalign.coordination_gap` and `symalign.utopia_welfare`.
"""

from __future__ import annotations

import sympy

import symalign as sa
from symalign.normalform.power import nashconv, powers
from symalign.proving.claims import check_identity, generic_game, raw_maxima
from symalign.proving.theorems import theorem


def generic_mixed(shape):
    """A generic mixed profile: player ``i`` plays action ``k < last`` with probability ``s_i_k``."""
    strategies = []
    for i, k in enumerate(shape):
        ps = list(sympy.symbols(f"s_{i}_0:{k - 1}", real=True)) if k > 1 else []
        strategies.append([*ps, 1 - sum(ps)])
    return sa.MixedProfile(strategies)


@theorem(
    name="power_welfare_identity",
    statement=r"\textstyle\sum_i\mathrm{POWER}_i(\sigma)=W(\sigma)+\mathrm{NashConv}(\sigma),\quad "
              r"U^\star-\sum_i\mathrm{POWER}_i=\mathrm{AG}+\mathrm{CG}(\sigma)-\mathrm{NashConv}(\sigma)",
    source="the POWER-welfare identity (derived for symalign)",
    hypotheses=(r"\sigma\ \text{a mixed profile}",),
    scope="generic shapes",
    covers="the generic 2x2 and 2x2x2 games with generic mixed profiles",
    method="identity",
    instances=True,
)
def proof():
    """Both identities for the generic 2x2 and 2x2x2 games."""
    parts = []
    for shape in ((2, 2), (2, 2, 2)):
        g = generic_game(shape)
        sigma = generic_mixed(shape)
        with raw_maxima():
            total = sympy.Add(*powers(g, sigma))
            nc = nashconv(g, sigma)
            parts.append(check_identity(total, sa.welfare(g, sigma) + nc,
                                        name=f"sum POWER = W + NashConv {shape}"))
            if shape == (2, 2):
                parts.append(check_identity(sa.utopia_welfare(g) - total,
                                            sa.alignment_gap(g) + sa.coordination_gap(g, sigma) - nc,
                                            name=f"U* - sum POWER = AG + CG - NashConv {shape}"))
    return parts
