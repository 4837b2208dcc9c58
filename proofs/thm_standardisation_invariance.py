r"""Standardisation is invariant under positive affine maps, and identifies preferences.

.. math::

    \nu(\lambda u+\beta\mathbf 1)=\nu(u)\quad(\lambda>0,\ \beta\in\mathbb R),\qquad
    \nu(u)=\nu(v)\iff v=\lambda u+\beta\mathbf 1\ (\lambda>0)\ \text{or both are constant},

for the EPIC and MAX standardisations.

Source: docs/discussion/delegation.rst, "Standardisation" (derived for symalign; the blog states
(2) in words).

Method: lemma chain.

1. *identity*: `symalign.delegation.standardisation.standardise` of a generic non-constant utility on three
   outcomes, EPIC and MAX, before and after $u\mapsto\lambda u+\beta$;
2. *identity*: the decomposition $u=m_u\,\nu(u)+c_u\mathbf 1$ (EPIC, generic $u$), which gives
   the "only if" direction: $\nu(u)=\nu(v)$ implies $v=\tfrac{m_v}{m_u}(u-c_u\mathbf 1)+c_v\mathbf 1$;
3. *exhaustive*: for every pair $u,v\in\{0,1,2\}^3$ (729 pairs), EPIC and MAX, equal standardised
   vectors iff an independently computed positive affine relation (or both constant).
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import sympy

from symalign.delegation.standardisation import EPIC, MAX, standardise
from symalign.proving.claims import check_identity, exhaustive, raw_maxima
from symalign.proving.theorems import theorem


def _branch(e):
    """The non-constant branch of a standardised entry (``Piecewise((value, u not constant), (0, True))``)."""
    return e.args[0].expr if isinstance(e, sympy.Piecewise) else e


def _positive_affine(u, v) -> bool:
    if len(set(u)) == 1 or len(set(v)) == 1:
        return len(set(u)) == 1 and len(set(v)) == 1
    k = next(j for j in range(len(u)) if u[j] != u[0])
    lam = Fraction(v[k] - v[0], u[k] - u[0])
    beta = v[0] - lam * u[0]
    return lam > 0 and all(v[j] == lam * u[j] + beta for j in range(len(u)))


@theorem(
    name="standardisation_invariance",
    statement=r"\nu(\lambda u+\beta\mathbf 1)=\nu(u)\ (\lambda>0);\quad "
              r"\nu(u)=\nu(v)\iff v=\lambda u+\beta\mathbf 1\ (\lambda>0)\text{ or both constant}",
    source="Gleave et al. (2021), EPIC; Skalse et al. (2024), STARC",
    hypotheses=(r"\lambda>0", r"u \text{ not constant (for the identity)}"),
    scope="generic shapes",
    covers="a generic utility on three outcomes, EPIC and MAX",
)
def proof():
    """Identities for EPIC and MAX on a generic utility, the decomposition, and an exhaustive check."""
    u = sympy.symbols("u_0:3", real=True)
    lam = sympy.Symbol("lambda", positive=True)
    beta = sympy.Symbol("beta", real=True)
    parts = []
    for std in (EPIC, MAX):
        with raw_maxima():
            nu = standardise(list(u), std).vector
            nu2 = standardise([lam * x + beta for x in u], std).vector
        for k in range(3):
            parts.append(check_identity(_branch(nu2[k]), _branch(nu[k]), [lam > 0],
                                        name=f"{std.name}: nu(lambda u + beta)_{k} = nu(u)_{k}"))
    s = standardise(list(u), EPIC)
    for k in range(3):
        parts.append(check_identity(s.magnitude * _branch(s.vector[k]) + s.shift, u[k],
                                    name=f"EPIC: u_{k} = m nu_{k} + c"))
    vecs = list(itertools.product(range(3), repeat=3))
    cache = {std.name: {v: standardise(list(v), std).vector for v in vecs} for std in (EPIC, MAX)}
    for std in (EPIC, MAX):
        nus = cache[std.name]
        parts.append(exhaustive(
            lambda pair, nus=nus: (nus[pair[0]] == nus[pair[1]]) == _positive_affine(*pair),
            itertools.product(vecs, repeat=2), name=f"{std.name}: nu(u) = nu(v) iff positive affine",
            description="all pairs u, v in {0,1,2}^3"))
    return parts
