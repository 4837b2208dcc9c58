r"""Every security value comes with primal and dual certificates that an independent checker accepts.

.. math::

    v_i=\max_{x\in\Delta(A_i)}\min_{\mathbf b\in A_{-i}}u_i(x,\mathbf b)
    =\min_{y\in\Delta(A_{-i})}\max_{a\in A_i}u_i(a,y).

Source: von Neumann's minimax theorem (security values; LP duality).

Method: exhaustive, over named games (the catalogue and seeded random 2x2, 2x3, 3x3 and
2x2x2 games with payoffs in $[-3,3]$). For every player, the value of
`symalign.security_value` is certified by `proofs._independent.check_security` (plain
`Fraction` arithmetic, no code shared with the solver): the optimal strategy guarantees the
value against every pure opponent profile (primal) and the punishing distribution holds every
action to at most the value (dual), so the value is the LP optimum. The pure security value is
compared with $\max_a\min_{\mathbf b}u_i(a,\mathbf b)$ by enumeration, and its certificate (for
each action, an opponent profile holding it to its minimum) is checked.
"""

from __future__ import annotations

from symalign.normalform.security import security_value
from symalign.proving.claims import exhaustive
from symalign.proving.theorems import theorem

from . import _independent as ind
from ._support import fraction, table, test_games


def _items():
    for key, g in test_games():
        for i in range(g.n_players):
            yield key, g, i


def _certified(item) -> bool:
    _, g, i = item
    U, shape = table(g)
    r = security_value(g, i)
    x, punisher = r.certificate
    return ind.check_security(U[i], shape, i, fraction(r.value), [fraction(p) for p in x],
                              [(tuple(b), fraction(p)) for b, p in punisher])


def _pure(item) -> bool:
    """The pure value is the max-min, and its certificate names, for every action, an opponent
    profile holding it to its minimum (so no action guarantees more than the value)."""
    _, g, i = item
    U, shape = table(g)
    r = security_value(g, i, mixed=False)
    return (fraction(r.value) == ind.pure_security(U[i], shape, i)
            and ind.check_pure_security(U[i], shape, i, fraction(r.value),
                                        [(tuple(b), fraction(v)) for b, v in r.certificate]))


@theorem(
    name="security_certificates",
    statement=r"v_i=\max_x\min_{\mathbf b}u_i(x,\mathbf b)=\min_y\max_au_i(a,y)"
              r"\ \text{(certified primal and dual)}",
    source="von Neumann's minimax theorem",
    hypotheses=("finite games with rational payoffs",),
    scope="named instances",
    covers=("the catalogue and 12 seeded random games of each shape 2x2, 2x3, 3x3, 2x2x2 "
            "(payoffs in [-3, 3]), every player"),
)
def proof():
    """Independent certificate checks of every mixed and pure security value."""
    return [exhaustive(_certified, _items(), name="mixed: primal and dual certificates",
                       description="named games x players"),
            exhaustive(_pure, _items(), name="pure: max-min by enumeration, and its certificate",
                       description="named games x players")]
