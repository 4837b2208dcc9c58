r"""Prop B: the principals' collective alignment bounds their ideal regret (the C-A alignment gap).

For a scale norm with $m(x)\ge\lVert x\rVert_\infty$ (EPIC, MAX):

.. math::

    \hat w^+-\hat w^*=-\alpha(\hat G)\ \le\ (1-\widehat{\mathrm{CA}})\sum_i\hat m_i .

Source: ``delegation_games.md`` §7.8 ([code] `ideal_regret`; [der] proof).

Method: lemma chain.

1. *identity*: with $\hat u_i=\hat m_i\hat\nu_i+\hat c_i$ (two principals, three outcomes, generic
   symbols), `symalign.utopia_welfare` minus `symalign.max_welfare` equals
   $\sum_i\hat m_i\max\hat\nu_i-\max_s\sum_i\hat m_i\hat\nu_i(s)$ (exact rewrite lemmas for maxima);
2. *identity*: $\max_s\sum_i\hat m_i\hat\nu_i(s)=(\sum_i\hat m_i)\max\hat\mu$ (positive homogeneity);
3. *certificate*: $\max\hat\nu_i-\max\hat\mu\le\lVert\hat\nu_i-\hat\mu\rVert_\infty$ (argmax cases);
4. *identity*: $\sum_i\hat m_i\,m(\hat\nu_i-\hat\mu)=(1-\widehat{\mathrm{CA}})\sum_i\hat m_i$;
5. *exhaustive*: `symalign.delegation.bounds.prop_b` holds exactly on a family of delegation games.
"""

from __future__ import annotations

import sys
import time

import numpy as np
import sympy

import symalign as sa
from symalign.delegation.bounds import prop_b
from symalign.proving.claims import (
    Verification,
    check_identity,
    exhaustive,
    prove_piecewise_linear,
    raw_maxima,
)

from ._support import delegation_family, finish

NAME = "ideal_regret_bound"
STATEMENT = r"\hat w^+-\hat w^*=-\alpha(\hat G)\le(1-\widehat{\mathrm{CA}})\sum_i\hat m_i"
SOURCE = "delegation_games.md §7.8"
HYPOTHESES = (r"$m(x)\ge\lVert x\rVert_\infty$ for the CA norm",)
EXPECTED = True


def statement() -> str:
    """The theorem in LaTeX."""
    return STATEMENT


def _prop_b_rule(item) -> bool:
    _, dg, _ = item
    b = prop_b(dg)
    return (not b.holds_hypotheses) or b.holds is True


def proof() -> Verification:
    """Decompose the ideal regret, bound each member's term, and check the library."""
    t0 = time.perf_counter()
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
    family = delegation_family()
    seen, unique = set(), []
    for item in family:
        if id(item[1]) not in seen:
            seen.add(id(item[1]))
            unique.append(item)
    parts.append(exhaustive(_prop_b_rule, unique, name="symalign.delegation.bounds.prop_b holds",
                            description="seeded 2x2 delegation games"))
    return finish(sys.modules[__name__], parts, t0=t0)
