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
from ._formulas import EPIC_SCHEME, SCHEMES, Quantities


def matches_statement(name, library, formula, family, *, applies=None, regret="WRh",
                      description="", scheme=EPIC_SCHEME):
    """Exhaustive: on every ``(label, dg, profile)`` the library's record agrees with the statement.

    ``library(dg, profile)`` returns a `RegretBound`; ``formula(q)`` the statement's value from
    `Quantities` ``q``; ``applies(q)`` whether the statement's hypotheses hold (default: always).
    The record must apply exactly when the hypotheses hold (a failed hypothesis is never a pass),
    and then report the regret by definition, the formula's value, ``value >= regret`` and
    ``holds is True``.
    """
    def rule(item):
        _, dg, prof = item
        q = Quantities(dg, prof, scheme)
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


def library_standardisation(scheme):
    """The library's object for a scheme of `proofs._formulas.SCHEMES`."""
    from symalign.delegation import standardisation as st
    name, shift, norm, kappa, D = scheme
    if name == "EPIC":
        return st.EPIC
    if name == "MAX":
        return st.MAX
    if D is not None:
        return st.mean_under(list(D))
    return st.Standardisation(shift, norm, kappa)


_PICK = ("calibration example", "alignment example: agents = -stag hunt",
         "PD agents, BoS principals")


def small_family():
    """Three named delegation games of `proofs._support.delegation_family` (calibration, the
    capped stag hunt, PD agents with BoS principals), every pure profile and the uniform one."""
    from ._support import delegation_family
    return [it for it in delegation_family(0) if it[0] in _PICK]


def weighted_family():
    """The same games with welfare weights [2, 1] (sum) and with the average welfare form."""
    from symalign.delegation import DelegationGame
    out = []
    for label, dg, prof in small_family():
        out.append((label + ", weights [2, 1]",
                    DelegationGame(dg.agents, dg.principals, weights=[2, 1]), prof))
        out.append((label + ", average welfare",
                    DelegationGame(dg.agents, dg.principals, welfare="average"), prof))
    return out


def every_scheme(label, fn, formula, *, applies=None, regret="WRh", schemes=SCHEMES[1:],
                 each=list):
    """`matches_statement` under every other standardisation and under EPIC with weighted and
    average welfare (`small_family`, `weighted_family`): ``fn(dg, profile, standardisation=)``."""
    from functools import partial
    small = each(small_family())
    parts = [matches_statement(f"{label}, weighted and average welfare (EPIC)", fn, formula,
                               each(weighted_family()), applies=applies, regret=regret,
                               description="named delegation games, weights [2, 1] or "
                                           "the average welfare")]
    for scheme in schemes:
        parts.append(matches_statement(
            f"{label} under {scheme[0]}", partial(fn, standardisation=library_standardisation(
                scheme)), formula, small, applies=applies, regret=regret, scheme=scheme,
            description=f"named delegation games under {scheme[0]}"))
    return parts


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
