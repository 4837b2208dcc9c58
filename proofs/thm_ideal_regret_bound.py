r"""Prop B: the principals' collective alignment bounds their ideal regret (the C-A alignment gap).

For a scale norm with $m(x)\ge\lVert x\rVert_\infty$ (EPIC, MAX):

.. math::

    \hat w^+-\hat w^*=-\alpha(\hat G)\ \le\ (1-\widehat{\mathrm{CA}})\sum_i\hat m_i .

Source: docs/discussion/delegation.rst, Prop B (the authors' code: `ideal_regret`; proof derived
for symalign).

Method: lemma chain.

1. *identity*: with $\hat u_i=\hat m_i\hat\nu_i+\hat c_i$ (two principals, three outcomes, generic
   symbols), `symalign.utopia_welfare` minus `symalign.max_welfare` equals
   $\sum_i\hat m_i\max\hat\nu_i-\max_s\sum_i\hat m_i\hat\nu_i(s)$ (exact rewrite lemmas for maxima);
2. *identity*: $\max_s\sum_i\hat m_i\hat\nu_i(s)=(\sum_i\hat m_i)\max\hat\mu$ (positive homogeneity);
3. *certificate*: $\max\hat\nu_i-\max\hat\mu\le\lVert\hat\nu_i-\hat\mu\rVert_\infty$ (argmax cases);
4. *identity*: $\sum_i\hat m_i\,m(\hat\nu_i-\hat\mu)=(1-\widehat{\mathrm{CA}})\sum_i\hat m_i$;
5. *exhaustive*: `symalign.delegation.bounds.prop_b` against the statement evaluated independently
   (`proofs._formulas`): the ideal regret by definition, $(1-\widehat{\mathrm{CA}})\sum_i\hat m_i$,
   validity and the verdict, on named delegation games;
6. *tightness*: attained (both sides 0) by common-interest principals; approached by
   $\hat u_i=e_i$ on $n$ outcomes ($n$ principals, one chooses), whose ratio
   $\sqrt{1-1/n}\to1$ (checked exactly for $n=2,\dots,6$), so the constant 1 cannot be lowered.
"""

from __future__ import annotations

import numpy as np
import sympy

import symalign as sa
from symalign.delegation import DelegationGame
from symalign.delegation.bounds import prop_b
from symalign.proving.claims import (
    check_identity,
    exhaustive,
    prove_piecewise_linear,
    raw_maxima,
)
from symalign.proving.theorems import theorem

from ._bound_checks import attained, every_scheme, matches_statement, scaled_stag_hunt
from ._formulas import Quantities, same
from ._support import delegation_family


@theorem(
    name="ideal_regret_bound",
    statement=r"\hat w^+-\hat w^*=-\alpha(\hat G)\le(1-\widehat{\mathrm{CA}})\sum_i\hat m_i",
    source="Prop B of the authors' code, proof derived for symalign",
    hypotheses=(r"$m(x)\ge\lVert x\rVert_\infty$ for the CA norm",),
    scope="every shape",
    covers=("the lemmas on free symbols; the library against the formula on named delegation "
            "games; attained (trivially) and approached (n = 2..6) on named families"
            "; under MAX, mean/L1, mean/Linf, midrange/L1, midrange/L2 (and not applicable under "
            "mean_under(D), whose norm does not dominate L-infinity), and with weighted [2, 1] and "
            "average welfare (EPIC), on three named games"),
)
def proof():
    """Decompose the ideal regret, bound each member's term, and check the library."""
    mh = sympy.symbols("mhat_0:2", positive=True)
    ch = sympy.symbols("chat_0:2", real=True)
    nu = [sympy.symbols(f"nuhat_{i}_0:3", real=True) for i in range(2)]
    arrays = []
    for i in range(2):
        arr = np.empty((3, 1), dtype=object)
        for k in range(3):
            arr[k, 0] = mh[i] * nu[i][k] + ch[i]
        arrays.append(arr)
    g = sa.Game(arrays)
    with raw_maxima():
        ideal = sa.utopia_welfare(g) - sa.max_welfare(g)
    mixed = sympy.Max(*[sum(mh[i] * nu[i][k] for i in range(2)) for k in range(3)])
    parts = [check_identity(ideal, sum(mh[i] * sympy.Max(*nu[i]) for i in range(2)) - mixed,
                            name="w_hat^+ - w_hat^* = sum mhat_i max nuhat_i - max sum mhat_i nuhat_i")]
    S = sympy.Symbol("S", positive=True)  # S = sum_i mhat_i
    T = sympy.symbols("T_0:3", real=True)  # T_k = sum_i mhat_i nuhat_i(k), so mu_k = T_k / S
    parts.append(check_identity(S * sympy.Max(*[t / S for t in T]), sympy.Max(*T), [S > 0],
                                name="(sum mhat) max mu = max sum mhat nuhat"))
    x = sympy.symbols("x_0:3", real=True)
    y = sympy.symbols("mu_0:3", real=True)
    parts.append(prove_piecewise_linear(
        sympy.Max(*x) - sympy.Max(*y) <= sympy.Max(*[sympy.Abs(a - b) for a, b in zip(x, y)]),
        name="max nu_i - max mu <= ||nu_i - mu||_inf"))
    D = sympy.symbols("D_0:2", nonnegative=True)
    ca = 1 - sum(mh[i] / sum(mh) * D[i] for i in range(2))
    parts.append(check_identity(sum(mh[i] * D[i] for i in range(2)), (1 - ca) * sum(mh),
                                name="sum mhat_i m(nuhat_i - muhat) = (1 - CA_hat) sum mhat_i"))
    parts.append(matches_statement(
        "prop_b = (1 - CA_hat) sum mhat_i and the ideal regret by definition",
        lambda dg, _: prop_b(dg), Quantities.prop_b, _one_profile_each(delegation_family()),
        applies=lambda q: q.prop_b() is not None, regret="ideal",
        description="named delegation games"))
    parts += every_scheme("prop_b = (1 - CA_hat) sum mhat_i; it applies iff the norm dominates "
                          "L-infinity", _prop_b_under, Quantities.prop_b, regret="ideal",
                          applies=lambda q: q.dominates_linf and q.prop_b() is not None,
                          each=_one_profile_each)
    parts.append(attained("attained: common-interest principals (CA_hat = 1, both sides 0)",
                          lambda dg, _: prop_b(dg), scaled_stag_hunt(sympy.Integer(1))[:1],
                          regret="ideal"))
    parts.append(exhaustive(_approaches, range(2, 7), name="approached: ratio sqrt(1 - 1/n)",
                            description="n = 2..6 principals, u_i = e_i on n outcomes"))
    return parts


def _prop_b_under(dg, _profile, standardisation=None):
    return prop_b(dg) if standardisation is None else prop_b(dg, standardisation=standardisation)


def _one_profile_each(family):
    seen, unique = set(), []
    for item in family:
        if id(item[1]) not in seen:
            seen.add(id(item[1]))
            unique.append(item)
    return unique


def _approaches(n) -> bool:
    """``u_i = e_i`` on ``n`` outcomes (player 0 chooses, the others have one action): the
    ideal regret is ``n - 1``, CA_hat = 0 and the bound ``sqrt(n (n - 1))``, a ratio
    ``sqrt(1 - 1/n)`` that tends to 1, so no constant below 1 is valid for every n."""
    shape = (n,) + (1,) * (n - 1)
    arrays = []
    for i in range(n):
        arr = np.zeros(shape, dtype=np.int64)
        arr[(i,) + (0,) * (n - 1)] = 1
        arrays.append(arr)
    g = sa.Game(arrays)
    b = prop_b(DelegationGame(g, g))
    return (b.holds_hypotheses and b.regret == n - 1
            and same(b.value, sympy.sqrt(n * (n - 1)))
            and same(b.regret / b.value, sympy.sqrt(1 - sympy.Rational(1, n))))
