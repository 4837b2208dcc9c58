r"""At a Nash equilibrium the POWER shortfall equals the alignment gap plus the coordination gap.

.. math::

    \sigma\in\mathrm{NE}\ \Longrightarrow\ U^\star-\sum_i\mathrm{POWER}_i(\sigma)
    =\mathrm{AG}+\mathrm{CG}(\sigma)\ \ge\ \mathrm{AG}=-\alpha.

Source: docs/discussion/power.rst, the POWER–welfare identity (derived for symalign).

Method: lemma chain.

1. *identity*: $U^\star-\sum_i\mathrm{POWER}_i-\mathrm{AG}-\mathrm{CG}+\mathrm{NashConv}=0$ on the
   generic $2\times2$ game with a generic mixed profile;
2. *exhaustive*: at every extreme NE of every catalogue game, NashConv is $0$ and
   `symalign.normalform.power.power_shortfall` gives shortfall $=\mathrm{AG}+\mathrm{CG}\ge\mathrm{AG}$;
3. worked test vectors (PD(+) at (D,D): 4; MP at the NE: 2; BoS mixed NE: 8/3;
   Coordination at (B,B): 2; Stag hunt at (F,F): 16).
"""

from __future__ import annotations

import sympy
from sympy import Rational

import symalign as sa
from symalign.normalform.equilibria import nash_equilibria
from symalign.normalform.power import nashconv, power_shortfall, powers
from symalign.proving.claims import check_identity, exhaustive, generic_game, raw_maxima
from symalign.proving.theorems import theorem

from ._support import step
from .thm_power_welfare_identity import generic_mixed


def _catalogue_equilibria():
    for key, (factory, _) in sa.games.CATALOGUE.items():
        g = factory()
        for s in nash_equilibria(g):
            yield key, g, s


def _holds_at(item) -> bool:
    _, g, s = item
    d = power_shortfall(g, s)
    return (nashconv(g, s) == 0 and d.shortfall == d.alignment_gap + d.coordination_gap
            and d.coordination_gap >= 0 and d.shortfall >= sa.alignment_gap(g))


@theorem(
    name="power_shortfall_at_ne",
    statement=r"\sigma\in\mathrm{NE}\Rightarrow U^\star-\textstyle\sum_i\mathrm{POWER}_i(\sigma)"
              r"=\mathrm{AG}+\mathrm{CG}(\sigma)\ge\mathrm{AG}",
    source="the POWER-welfare identity (derived for symalign)",
    hypotheses=(r"\sigma\ \text{a Nash equilibrium}",),
    scope="generic shapes",
    covers=("the generic 2x2 game with a generic mixed profile; the library at every extreme NE"
            " of the catalogue"),
)
def proof():
    """Identity, the exhaustive check over catalogue equilibria, and the worked table."""
    g = generic_game((2, 2))
    sigma = generic_mixed((2, 2))
    with raw_maxima():
        lhs = sa.utopia_welfare(g) - sympy.Add(*powers(g, sigma))
        rhs = sa.alignment_gap(g) + sa.coordination_gap(g, sigma) - nashconv(g, sigma)
    parts = [check_identity(lhs, rhs, name="U* - sum POWER = AG + CG - NashConv (generic 2x2)")]
    parts.append(exhaustive(_holds_at, _catalogue_equilibria(),
                            name="shortfall = AG + CG at every extreme NE",
                            description="every extreme NE of every catalogue game"))
    table = [(sa.games.prisoners_dilemma(), ("D", "D"), 4),
             (sa.games.matching_pennies(), [["1/2", "1/2"], ["1/2", "1/2"]], 2),
             (sa.games.battle_of_the_sexes(), [["2/3", "1/3"], ["1/3", "2/3"]], Rational(8, 3)),
             (sa.games.coordination(), (1, 1), 2),
             (sa.games.stag_hunt(), (0, 0), 16)]
    ok = all(power_shortfall(gm, prof).shortfall == val for gm, prof, val in table)
    parts.append(step("shortfall test vectors", "exact comparison", ok))
    return parts
