"""Library-against-statement checks shared by the welfare-regret bound theorems (not a theorem).

`matches_statement` compares a `symalign.delegation.bounds` record with the statement's own formula
evaluated independently by `proofs._formulas` (which shares no code with the library):
whether the hypotheses hold, the regret, the value, validity and the verdict. `attained`
checks that a bound equals the regret exactly on a family (tightness).
"""

from __future__ import annotations

import sympy

from symalign.proving.claims import exhaustive

from ._exact import ge as _ge, same
from ._formulas import Quantities


def matches_statement(name, library, formula, family, *, applies=None, regret="WRh",
                      description=""):
    """Exhaustive: on every ``(label, dg, profile)`` the library's record agrees with the statement.

    ``library(dg, profile)`` returns a `RegretBound`; ``formula(q)`` the statement's value from
    `Quantities` ``q``; ``applies(q)`` whether the statement's hypotheses hold (default: always).
    The record must apply exactly when the hypotheses hold (a failed hypothesis is never a pass),
    and then report the regret by definition, the formula's value, ``value >= regret`` and
    ``holds is True``.
    """
    def rule(item):
        _, dg, prof = item
        q = Quantities(dg, prof)
        rec = library(dg, prof)
        ok_h = True if applies is None else applies(q)
        if rec.holds_hypotheses != ok_h:
            return False
        if not ok_h:
            return rec.value is None
        want = formula(q)
        reg = q.ideal_regret() if regret == "ideal" else getattr(q, regret)
        return (same(rec.regret, reg) and same(rec.value, want) and _ge(want, reg)
                and rec.holds is True)
    return exhaustive(rule, family, name=name,
                      description=description or "named delegation games x profiles")


def attained(name, library, family, *, regret="WRh", description=""):
    """Exhaustive: the library's bound equals the regret exactly (the bound is attained)."""
    def rule(item):
        _, dg, prof = item
        rec = library(dg, prof)
        q = Quantities(dg, prof)
        reg = q.ideal_regret() if regret == "ideal" else getattr(q, regret)
        return rec.holds_hypotheses and same(rec.value, reg) and same(rec.regret, reg)
    return exhaustive(rule, family, name=name, description=description or "the tight family")


def scaled_stag_hunt(lam):
    """Principals ``lam`` times the agents' stag hunt (calibrated, aligned), every pure profile
    and the uniform profile: ``[(label, dg, profile), ...]``."""
    import itertools

    import symalign as sa
    from symalign.delegation import DelegationGame
    sh = sa.games.stag_hunt()
    U = sh.sympy_array()
    dg = DelegationGame(sh, sa.Game([lam * U[0], lam * U[1]]))
    profiles = list(itertools.product(range(2), repeat=2))
    profiles.append([[sympy.Rational(1, 2)] * 2] * 2)
    return [(f"stag hunt, principals x {lam}", dg, p) for p in profiles]
