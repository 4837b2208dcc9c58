r"""The best and worst correlated-equilibrium welfare come with independently checked certificates.

.. math::

    \max_{\mu\in\mathrm{CE}}W(\mu)=\min\Bigl\{s:\ W(\mathbf a)\le s+\sum_\ell\lambda_\ell
    g_\ell(\mathbf a)\ \forall\mathbf a,\ \lambda\ge0\Bigr\}\quad(\text{and likewise min, CCE}).

Source: Aumann (1974) (correlated and coarse correlated equilibria).

Method: exhaustive, over named games (the catalogue and seeded random 2x2, 2x3, 3x3 and
2x2x2 games, some with payoffs in thirds). For the maximum and minimum welfare over CE and
the maximum over CCE,
`symalign.normalform.correlated.correlated_equilibrium`'s distribution is checked to be a (coarse)
correlated equilibrium with the reported welfare (primal) and its dual multipliers to satisfy
every outcome's inequality (dual), by `proofs._independent.check_correlated` (plain
`Fraction` arithmetic, no code shared with the solver).
"""

from __future__ import annotations

from symalign.normalform.correlated import correlated_equilibrium
from symalign.proving.claims import exhaustive
from symalign.proving.theorems import theorem

from . import _independent as ind
from ._support import fraction, table, test_games

CASES = (("max", False), ("min", False), ("max", True))


def _games():
    """The named games, and seeded games with fractional payoffs (denominator 3), whose
    incentive rows the solver scales by the denominators."""
    import symalign as sa
    out = test_games(8)
    for seed in range(6):
        for shape in ((2, 2), (3, 3), (2, 2, 2)):
            out.append((f"random {shape} seed {seed} in thirds",
                        sa.games.random_game(shape, 500 + seed, low=-6, high=6, denominator=3)))
    return out


def _items():
    for key, g in _games():
        for objective, coarse in CASES:
            yield key, g, objective, coarse


def _certified(item) -> bool:
    _, g, objective, coarse = item
    U, shape = table(g)
    r = correlated_equilibrium(g, objective=objective, coarse=coarse)
    probs = r.distribution.probabilities
    mu = {a: fraction(probs[a]) for a in ind.outcomes(shape)}
    multipliers, shift = r.certificate
    return ind.check_correlated(U, shape, fraction(r.value), mu,
                                [(tuple(lab), fraction(lam)) for lab, lam in multipliers],
                                fraction(shift), objective, coarse)


@theorem(
    name="correlated_certificates",
    statement=r"\max_{\mu\in\mathrm{CE}}W(\mu)\text{ and }\min_{\mu\in\mathrm{CE}}W(\mu)"
              r"\ \text{certified by a CE and dual multipliers}",
    source="Nash (1951); Aumann (1974)",
    hypotheses=("finite games with rational payoffs",),
    scope="named instances",
    covers=("the catalogue, 8 seeded random games of each shape 2x2, 2x3, 3x3, 2x2x2 and 6 "
            "of each of 2x2, 3x3, 2x2x2 with payoffs in thirds; max and min over CE, max over "
            "CCE"),
)
def proof():
    """Independent primal and dual checks of every correlated-equilibrium optimum."""
    return [exhaustive(_certified, _items(), name="CE / CCE optima: primal and dual",
                       description="named games x (max CE, min CE, max CCE)")]
