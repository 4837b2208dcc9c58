r"""The EPIC constants: $K_m=\sqrt2$ (tight) and $K_d=2$ (valid; the tight value is $2\sqrt{1-1/N}$).

.. math::

    K_m=\sup_\nu\bigl(\max_s\nu(s)-\min_s\nu(s)\bigr)=\sqrt2,\qquad
    \lVert\nu-\nu'\rVert_\infty\le 2\,d_{\rm EPIC}(\nu,\nu')=\lVert\nu-\nu'\rVert_2,

over EPIC-standardised vectors (mean zero, Euclidean norm 1), and for mean-zero
$x\in\mathbb R^N$: $\lVert x\rVert_\infty\le\sqrt{1-1/N}\,\lVert x\rVert_2$, attained by
$x\propto(N-1,-1,\dots,-1)$.

Source: the authors' code (constants; Sourbut, Hammond & Wood (2024)) and Gleave et al. (2021);
the tight $K_d(N)$ is derived for symalign.

Method: lemma chain of identities (sum-of-squares witnesses) and exact evaluations:

1. the library's constants are exactly $\sqrt2$ and $2$;
2. $2(x^2+y^2)-(x-y)^2=(x+y)^2$ and $\sum_s\nu_s^2-x^2-y^2=\sum_{\text{others}}\nu_s^2$, so
   $(\max-\min)^2\le2\sum_s\nu_s^2=2$;
3. the bound is attained: the standardisation of $(1,-1,0,0)$ has range exactly $\sqrt2$;
4. $\sum_s x_s^2-x_j^2=\sum_{s\ne j}x_s^2$, so $\lVert x\rVert_\infty\le\lVert x\rVert_2=2d$;
5. mean zero ($x_0=-\sum_{j\ge1}x_j$), for every $N=2,\dots,12$:
   $(N-1)\sum_{j\ge1}x_j^2-(\sum_{j\ge1}x_j)^2=\sum_{1\le j<k}(x_j-x_k)^2$, which gives the tight
   constant; `epic_tight_K_d` returns $2\sqrt{1-1/N}$ and $(N-1,-1,\dots,-1)$ attains it for
   each of these $N$, and for a symbolic $N$ the ratio at that vector is the identity
   $2(N-1)/\sqrt{N(N-1)}=2\sqrt{1-1/N}$.
"""

from __future__ import annotations

import itertools

import sympy
from sympy import sqrt

from symalign.delegation.alignment import epic_distance
from symalign.delegation.standardisation import EPIC, epic_tight_K_d, standardise
from symalign.proving.claims import check_identity
from symalign.proving.theorems import theorem

from ._support import step


def _attains(N) -> bool:
    """The library's tight constant for N outcomes equals the ratio at (N-1, -1, ..., -1)."""
    v = [N - 1] + [-1] * (N - 1)
    ratio = max(abs(c) for c in v) / (sqrt(sum(c * c for c in v)) / 2)
    return sympy.simplify(epic_tight_K_d(N) - ratio) == 0 and sum(v) == 0


@theorem(
    name="epic_constants",
    statement=r"\text{EPIC: } K_m=\sqrt2\ \text{(attained)},\ "
              r"\lVert\nu-\nu'\rVert_\infty\le2\,d(\nu,\nu')\ (K_d=2),\ "
             r"K_d(N)=2\sqrt{1-1/N}\ \text{tight}",
    source="Gleave et al. (2021), EPIC; Skalse et al. (2024), STARC",
    hypotheses=(r"\textstyle\sum_s\nu_s=0,\ \sum_s\nu_s^2=1",),
    scope="every shape",
    covers="SOS identities for every N; the tight K_d(N) checked for N = 2..12 and a symbolic N",
)
def proof():
    """SOS identities, the library constants and the attaining vectors."""
    parts = [step("EPIC.K_m = sqrt(2), EPIC.K_d = 2", "exact comparison of the library constants",
                  EPIC.K_m == sqrt(2) and EPIC.K_d == 2)]
    x, y = sympy.symbols("x y", real=True)
    z = sympy.symbols("z_0:2", real=True)
    parts.append(check_identity(2 * (x**2 + y**2) - (x - y)**2, (x + y)**2,
                                name="(max - min)^2 <= 2 (max^2 + min^2): SOS witness (max + min)^2"))
    parts.append(check_identity(x**2 + y**2 + z[0]**2 + z[1]**2 - x**2 - y**2, z[0]**2 + z[1]**2,
                                name="max^2 + min^2 <= sum nu^2 = 1: SOS witness (other squares)"))
    nu = standardise([1, -1, 0, 0], EPIC).vector
    rng = max(nu) - min(nu)
    parts.append(step(f"range(nu(1,-1,0,0)) = {rng}", "exact evaluation: K_m = sqrt(2) is attained",
                      rng == sqrt(2) and sum(nu) == 0 and sum(v**2 for v in nu) == 1))
    xs = sympy.symbols("x_0:4", real=True)
    parts.append(check_identity(sum(v**2 for v in xs) - xs[2]**2,
                                xs[0]**2 + xs[1]**2 + xs[3]**2,
                                name="x_j^2 <= ||x||_2^2: SOS witness, so ||x||_inf <= 2 d"))
    for N in range(2, 13):                      # the tight constant, N = 2..12
        x = sympy.symbols(f"x_1:{N}", real=True)   # x_0 = -(x_1 + ... + x_{N-1})
        parts.append(check_identity((N - 1) * sum(v**2 for v in x) - sum(x)**2,
                                    sum((a - b)**2 for a, b in itertools.combinations(x, 2)),
                                    name=f"mean zero, N = {N}: (N-1) sum x_j^2 - (sum x_j)^2 "
                                         "= sum (x_j - x_k)^2"))
    parts.append(step("epic_tight_K_d(N) = 2 sqrt(1 - 1/N), attained by (N-1, -1, ..., -1), "
                      "N = 2..12", "exact evaluation of the library and of the ratio",
                      all(_attains(N) for N in range(2, 13))))
    n = sympy.Symbol("N", integer=True, positive=True)
    parts.append(check_identity(2 * (n - 1) / sympy.sqrt((n - 1)**2 + (n - 1)),
                                2 * sympy.sqrt(1 - 1 / n), [n > 1],
                                name="symbolic N: ||x||_inf / (||x||_2 / 2) = 2 sqrt(1 - 1/N) "
                                     "at x = (N-1, -1, ..., -1)"))
    # the distance relation on an instance: ||nu - nu'||_inf <= 2 d exactly
    a, b = [2, 0, 3, 1], [2, 3, 0, 1]
    na, nb = standardise(a, EPIC).vector, standardise(b, EPIC).vector
    linf = max(abs(p - q) for p, q in zip(na, nb))
    parts.append(step("PD(+): ||nu_0 - nu_1||_inf <= 2 d_EPIC", "exact sign decision",
                      bool(sympy.simplify(2 * epic_distance(a, b) - linf) >= 0)))
    return parts
