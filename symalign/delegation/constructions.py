"""Constructions of delegation games: exact targets, random games, named counterexamples.

* `exact_alignment_game`: exact constructions (docs/discussion/delegation.rst) of a delegation
  game with target individual alignments and collective alignment (EPIC), in square-root arithmetic;
* `random_delegation_game` and `random_regret_profile`: the 3-D regret setting of Sourbut,
  Hammond & Wood (2024), App. C.2, in exact rational arithmetic (floats only guide the choice of rational coefficients; every
  realised measure is recomputed exactly);
* `cooperation_example`, `alignment_example`, `calibration_example`, `soft_vegetarian_bots`,
  `ca_substitutes_for_calibration`: the necessity constructions, with the numbers of
  docs/discussion/worked-examples.rst.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction

from symalign.core.lazy import np
import sympy
from sympy import Integer, Rational

from symalign.core.exact import to_exact
from symalign.delegation.alignment import collective_alignment as _ca_measure, individual_alignments
from symalign.delegation.model import DelegationGame, _require
from symalign.core.errors import SymalignError
from symalign.core.game import Game
from symalign.core.profiles import CorrelatedProfile
from symalign.delegation.standardisation import EPIC, MAX, Standardisation, _num_standardise

__all__ = [
    "ConstructedGame",
    "exact_alignment_game",
    "random_delegation_game",
    "random_regret_profile",
    "NamedExample",
    "cooperation_example",
    "alignment_example",
    "calibration_example",
    "soft_vegetarian_bots",
    "ca_substitutes_for_calibration",
]


@dataclass(frozen=True)
class ConstructedGame:
    """A constructed delegation game with its targets and the exactly realised measures.

    Examples
    ========

    >>> import sympy, symalign as sa
    >>> half = sympy.Rational(1, 2)
    >>> c = sa.exact_alignment_game([half, half], sympy.Rational(3, 4), n_outcomes=4, seed=1)
    >>> c.individual_alignment, c.collective_alignment
    ((1/2, 1/2), 3/4)
    """

    game: DelegationGame
    target_individual_alignment: tuple
    target_collective_alignment: sympy.Expr
    individual_alignment: tuple
    collective_alignment: sympy.Expr
    ca_group: str
    source: str = field(default="exact constructions (derived for symalign)", repr=False)


def _helmert(N: int) -> list[list]:
    """The orthonormal mean-zero Helmert vectors h_1..h_{N-1} on N outcomes (exact)."""
    out = []
    for k in range(1, N):
        s = sympy.sqrt(k * (k + 1))
        out.append([Integer(1) / s if j < k else (-Integer(k) / s if j == k else Integer(0))
                    for j in range(N)])
    return out


def _targets(values, n, name):
    if isinstance(values, (list, tuple)):
        vals = list(values)
        if len(vals) != n:
            raise SymalignError(f"Argument '{name}' has {len(vals)} entries; {n} are needed.")
    else:
        vals = [values] * n
    out = [to_exact(v, name=name) for v in vals]
    for v in out:
        if not (v.is_number and 0 <= v <= 1):
            raise SymalignError(f"Argument '{name}' holds {v}; targets must lie in [0, 1].")
    return out


def exact_alignment_game(individual_alignment, collective_alignment, *, n: int = 2,
                         n_outcomes: int | None = None, magnitudes=None, other_magnitudes=None,
                         shifts=None, other_shifts=None, ca_group: str = "principals",
                         seed=None, welfare: str = "sum") -> ConstructedGame:
    """A delegation game with exact target IA_i and CA under EPIC (exact constructions (derived for symalign) constructions).

    The CA group gets ``nu_i = sqrt(1 - delta^2) e + delta g_i`` (``delta = 1 - CA``) with
    ``e`` a unit mean-zero vector and ``g_i`` a centred regular simplex orthogonal to ``e``;
    the paired group gets ``nu'_i = (1 - 2 delta_i^2) nu_i + 2 delta_i sqrt(1 - delta_i^2) xi_i``
    (``delta_i = 1 - IA_i``) with ``xi_i`` the unit vector orthogonal to ``nu_i`` in the plane
    of ``e`` and ``g_i``. The CA group has equal magnitudes (``magnitudes``, default 1); the
    other group's magnitudes and both groups' shifts are arbitrary. Needs
    ``n_outcomes >= n + 1``. The seed permutes the outcomes and picks the basis vectors.

    Examples
    ========

    >>> from symalign.delegation.constructions import exact_alignment_game
    >>> c = exact_alignment_game(["1/2", "3/4"], "2/3", n=2, n_outcomes=4, seed=1)
    >>> c.individual_alignment, c.collective_alignment
    ((1/2, 3/4), 2/3)

    Parameters
    ==========

    individual_alignment : exact number in [0, 1] or a sequence of n of them
    collective_alignment : exact number in [0, 1]
    n : int
        Number of pairs.
    n_outcomes : int, optional
        Number of outcomes (default ``n + 1``); the game has shape ``(n_outcomes, 1, ..., 1)``.
    magnitudes : exact positive number, optional
        The CA group's common magnitude (default 1).
    other_magnitudes : sequence of exact positive numbers, optional
    shifts, other_shifts : sequences of exact numbers, optional
    ca_group : {"principals", "agents"}
        Which group carries the target CA (the grid scan uses the principals, as the authors' code does).
    seed : int, optional

    Returns
    =======

    ConstructedGame

    """
    if not isinstance(n, int) or n < 1:
        raise SymalignError(f"Argument 'n' is {n!r}; it must be a positive int.")
    N = n + 1 if n_outcomes is None else int(n_outcomes)
    if N < n + 1 or N < 3:
        raise SymalignError(f"Argument 'n_outcomes' is {N}; the construction needs at least "
                            f"max(n + 1, 3) = {max(n + 1, 3)} outcomes.")
    if ca_group not in ("principals", "agents"):
        raise SymalignError(f"Argument 'ca_group' is {ca_group!r}; use 'principals' or 'agents'.")
    ia = _targets(individual_alignment, n, "individual_alignment")
    (ca_t,) = _targets([collective_alignment], 1, "collective_alignment")
    rng = np.random.default_rng(seed)
    H = _helmert(N)
    order = [int(k) for k in rng.permutation(N - 1)]
    perm = [int(k) for k in rng.permutation(N)]
    basis = [[H[k][perm[j]] for j in range(N)] for k in order]
    m = to_exact(1 if magnitudes is None else magnitudes, name="magnitudes")
    om = [Integer(1)] * n if other_magnitudes is None else [
        to_exact(x, name="other_magnitudes") for x in other_magnitudes]
    sh = [Integer(0)] * n if shifts is None else [to_exact(x, name="shifts") for x in shifts]
    osh = [Integer(0)] * n if other_shifts is None else [
        to_exact(x, name="other_shifts") for x in other_shifts]
    if len(om) != n or len(sh) != n or len(osh) != n:
        raise SymalignError("Arguments 'other_magnitudes', 'shifts' and 'other_shifts' need "
                            f"{n} entries each; they have {len(om)}, {len(sh)} and {len(osh)}.")
    delta = 1 - ca_t
    if n == 1:
        nus = [basis[0]]
        xis = [basis[1]]
    else:
        b = basis[:n]
        rn = sympy.sqrt(n)
        e = [sympy.Add(*(bi[j] for bi in b)) / rn for j in range(N)]
        c = sympy.sqrt(Rational(n, n - 1))
        g = [[c * (bi[j] - e[j] / rn) for j in range(N)] for bi in b]
        cs = sympy.sqrt(1 - delta**2)
        nus = [[sympy.expand(cs * e[j] + delta * gi[j]) for j in range(N)] for gi in g]
        xis = [[sympy.expand(delta * e[j] - cs * gi[j]) for j in range(N)] for gi in g]
    others = []
    for nu, xi, t in zip(nus, xis, ia):
        dl = 1 - t
        a1, a2 = 1 - 2 * dl**2, 2 * dl * sympy.sqrt(1 - dl**2)
        others.append([sympy.expand(a1 * x + a2 * y) for x, y in zip(nu, xi)])
    group_a = [[m * x + s for x in nu] for nu, s in zip(nus, sh)]
    group_b = [[mi * x + s for x in nu] for nu, mi, s in zip(others, om, osh)]
    shape = (N,) + (1,) * (n - 1)
    arr = lambda vec: np.array(vec, dtype=object).reshape(shape)  # noqa: E731
    GA = Game([arr(v) for v in group_a])
    GB = Game([arr(v) for v in group_b])
    dg = (DelegationGame(GB, GA, welfare=welfare) if ca_group == "principals"
          else DelegationGame(GA, GB, welfare=welfare))
    realised_ia = tuple(_simplify(x)
                        for x in individual_alignments(dg, EPIC))
    realised_ca = _simplify(_ca_measure(dg, ca_group, EPIC))
    return ConstructedGame(dg, tuple(ia), ca_t, realised_ia, realised_ca, ca_group)


def _simplify(x):
    """Exact simplification of a realised measure (radicals are denested where possible)."""
    x = sympy.sympify(x)
    if x.is_Rational:
        return x
    y = sympy.radsimp(sympy.sqrtdenest(sympy.expand(x)))
    return y if sympy.count_ops(y) <= sympy.count_ops(x) else x


# -- the 3-D regret setting (Sourbut, Hammond & Wood (2024), App. C.2) --------------------------

def _uniform_fraction(rng, den: int) -> Fraction:
    return Fraction(int(rng.integers(0, den + 1)), den)


def _spacings(rng, k: int, den: int) -> list[Fraction]:
    """A uniform draw from the simplex on k points, on the grid 1/den (exact)."""
    cuts = sorted(_uniform_fraction(rng, den) for _ in range(k - 1))
    pts = [Fraction(0)] + cuts + [Fraction(1)]
    return [b - a for a, b in zip(pts, pts[1:])]


def random_delegation_game(n: int = 4, n_outcomes: int = 4, seed=None, *,
                           standardisation: Standardisation = MAX, max_misalignment=1,
                           agent_magnitudes=None, denominator: int = 1000) -> DelegationGame:
    """A random delegation game of the paper's 3-D regret experiment (Sourbut, Hammond & Wood (2024), appendix C.2), exact.

    Outcomes are a flat set (the game has shape ``(n_outcomes, 1, ..., 1)``). Under `MAX`
    (the final setting: ``n = 4``, ``|S| = 4``, ``m = (1, 1, 1, 1)``):

    * principal ``i`` is ``standardise(U(0,1)^|S|)`` with values on the grid ``1/denominator``,
      so ``m_hat_i = 1``;
    * a total misalignment ``T ~ U(0, max_misalignment) n`` is split by a uniform simplex draw
      (shares above 1 are repaired by mixing with the flat share ``1/n``; the total is kept);
    * agent ``i`` is ``m_i standardise(v_i)``, where ``v_i`` is the principal's centred vector
      rotated by ``theta = 2 arcsin(min(1, d_i))`` towards a random mean-zero heading, with
      rational coefficients (floats only guide their choice). Under MAX the realised distances
      differ from the ``d_i``, as in the authors' code; measure them exactly with
      `symalign.delegation.alignment`.

    Under `EPIC` the principals are the centred random vectors and the agents ``m_i v_i``
    (rational utilities, so the exact integer path applies); their magnitudes are then
    algebraic rather than 1.

    Examples
    ========

    >>> from symalign.delegation.constructions import random_delegation_game
    >>> dg = random_delegation_game(seed=9622709)
    >>> dg.n, dg.n_outcomes, dg.is_numeric
    (4, 4, True)
    >>> from symalign.delegation.standardisation import standardise, MAX
    >>> standardise(dg.u_hat(0), MAX).magnitude
    1

    """
    if not isinstance(n, int) or n < 1 or not isinstance(n_outcomes, int) or n_outcomes < 3:
        raise SymalignError(f"Arguments 'n' and 'n_outcomes' are {n!r}, {n_outcomes!r}; need "
                            "n >= 1 and n_outcomes >= 3.")
    if not isinstance(standardisation, Standardisation):
        raise SymalignError(f"Argument 'standardisation' is {standardisation!r}; pass a "
                            "Standardisation such as symalign.EPIC or symalign.MAX.")
    rng = np.random.default_rng(seed)
    N, den = n_outcomes, int(denominator)
    mags = [Fraction(1)] * n if agent_magnitudes is None else [
        Fraction(int(x.p), int(x.q)) for x in
        (to_exact(v, name="agent_magnitudes") for v in agent_magnitudes)]
    maxmis = to_exact(max_misalignment, name="max_misalignment")
    maxmis = Fraction(int(maxmis.p), int(maxmis.q))
    principals, centred = [], []
    for i in range(n):
        while True:
            raw = [int(x) for x in rng.integers(0, den + 1, size=N)]
            if len(set(raw)) > 1:
                break
        T = sum(raw)
        x = [N * a - T for a in raw]
        centred.append(x)
        if standardisation is MAX or standardisation.norm != "L2":
            ns = _num_standardise(raw, den, standardisation)
            principals.append(ns.nu_fractions())
        else:
            principals.append([Fraction(a, N * den) for a in x])
    total = _uniform_fraction(rng, den) * maxmis * n
    shares = _spacings(rng, n, den)
    d = [total * s for s in shares]
    top = max(d)
    if top > 1:
        flat = total / n
        t = (top - 1) / (top - flat)
        d = [(1 - t) * di + t * flat for di in d]
    agents = []
    for i in range(n):
        x = centred[i]
        while True:
            y = [int(v) for v in rng.integers(-den, den + 1, size=N)]
            my = sum(y)
            y = [N * v - my for v in y]
            xx = sum(a * a for a in x)
            proj = Fraction(sum(a * b for a, b in zip(x, y)), xx)
            yo = [b - proj * a for a, b in zip(x, y)]
            if any(yo):
                break
        di = min(Fraction(1), d[i])
        if di == 0:
            a, b = Fraction(1), Fraction(0)
        elif di == 1:
            a, b = Fraction(-1), Fraction(0)
        else:
            theta = 2 * math.asin(float(di))
            nx = math.sqrt(xx)
            ny = math.sqrt(float(sum(v * v for v in yo)))
            a = Fraction(math.cos(theta) * ny / nx).limit_denominator(10**4)
            b = Fraction(math.sin(theta)).limit_denominator(10**4)
            if a == 0 and b == 0:
                b = Fraction(1)
        v = [a * p + b * q for p, q in zip(x, yo)]
        L = math.lcm(*(q.denominator for q in v))
        vi = [int(q * L) for q in v]
        if standardisation is MAX or standardisation.norm != "L2":
            ns = _num_standardise(vi, 1, standardisation)
            nu = ns.nu_fractions()
            agents.append([mags[i] * q for q in nu])
        else:
            agents.append([mags[i] * q / L / N for q in vi])
    shape = (N,) + (1,) * (n - 1)

    def game(vecs):
        arrays = []
        for vec in vecs:
            arr = np.empty(N, dtype=object)
            arr[:] = vec
            arrays.append(arr.reshape(shape))
        return Game(arrays)

    return DelegationGame(game(agents), game(principals))


def random_regret_profile(dg: DelegationGame, seed=None, *, standardisation: Standardisation = MAX,
                          denominator: int = 1000) -> CorrelatedProfile:
    """A correlated profile aimed at a principals' regret drawn from ``U(0, n K_m)`` (Sourbut,
    Hammond & Wood (2024), App. C.2).

    It mixes the optimal outcome, the pessimal outcome and a random Dirichlet(1) distribution
    (exact rational spacings) so that the regret equals the target exactly; a target above the
    pessimal regret gives the pessimal outcome.

    Examples
    ========

    >>> from symalign.delegation.constructions import random_delegation_game, random_regret_profile
    >>> dg = random_delegation_game(seed=1)
    >>> mu = random_regret_profile(dg, seed=2)
    >>> sum(mu.probabilities.reshape(-1))
    1

    """
    _require(dg)
    rng = np.random.default_rng(seed)
    N = dg.n_outcomes
    exs = dg.principals.exact_arrays()
    if exs is None:
        raise SymalignError("Argument 'dg' has symbolic principals' payoffs "
                            f"{sorted(map(str, dg.principals.free_symbols))}; a random regret "
                            "profile needs rational payoffs.")
    W = [sum(Fraction(int(ex.num.reshape(-1)[s]), ex.den) for ex in exs) for s in range(N)]
    best, worst = max(W), min(W)
    opt, pes = W.index(best), W.index(worst)
    K = standardisation.K_m
    Kf = Fraction(int(K.p), int(K.q)) if K.is_Rational else Fraction(
        math.floor(float(K) * 1000), 1000)
    target = _uniform_fraction(rng, denominator) * dg.n * Kf
    q = _spacings(rng, N, denominator)
    reg_q = best - sum(p * w for p, w in zip(q, W))
    reg_pes = best - worst
    if target <= reg_q and reg_q > 0:
        lam = target / reg_q
        p = [lam * x for x in q]
        p[opt] += 1 - lam
    elif target <= reg_pes and reg_pes > reg_q:
        t = (target - reg_q) / (reg_pes - reg_q)
        p = [(1 - t) * x for x in q]
        p[pes] += t
    else:
        p = [Fraction(0)] * N
        p[pes] = Fraction(1)
    arr = np.empty(N, dtype=object)
    arr[:] = [Rational(x.numerator, x.denominator) for x in p]
    return CorrelatedProfile._trusted(arr.reshape(dg.shape))


# -- named necessity examples (docs/discussion/worked-examples.rst) --------------------------------

@dataclass(frozen=True)
class NamedExample:
    """A named delegation game with the profile the agents play (Sourbut, Hammond & Wood (2024), necessity; Sourbut, Hammond & Wood (2024), worked examples).

    Examples
    ========

    >>> import symalign as sa
    >>> ex = sa.cooperation_example()
    >>> sa.welfare_regret(ex.game, ex.profile)
    16
    """

    name: str
    game: DelegationGame
    profile: tuple
    description: str
    source: str


def _stag_hunt() -> Game:
    from symalign.normalform.games import stag_hunt
    return stag_hunt()


def cooperation_example() -> NamedExample:
    """*Cooperation is necessary*: agents equal their principals, stuck at (F, F).

    Examples
    ========

    >>> from symalign.delegation.constructions import cooperation_example
    >>> from symalign.delegation import welfare_regret
    >>> ex = cooperation_example()
    >>> welfare_regret(ex.game, ex.profile, "agents"), welfare_regret(ex.game, ex.profile)
    (16, 16)

    """
    sh = _stag_hunt()
    return NamedExample("cooperation is necessary", DelegationGame(sh, sh), (0, 0),
                        "IA = 1 and r = 1, but the agents coordinate on the bad equilibrium (F, F)",
                        "Sourbut, Hammond & Wood (2024), necessity; the cooperation-is-necessary example (symalign)")


def alignment_example() -> NamedExample:
    """*Alignment is necessary*: agents ``u_i = -u_hat_i`` play their optimum (F, M).

    Examples
    ========

    >>> from symalign.delegation.constructions import alignment_example
    >>> from symalign.delegation import welfare_regret
    >>> ex = alignment_example()
    >>> welfare_regret(ex.game, ex.profile, "agents"), welfare_regret(ex.game, ex.profile)
    (0, 18)

    """
    sh = _stag_hunt()
    neg = Game([-a for a in sh.sympy_array()], players=sh.players, actions=sh.actions)
    return NamedExample("alignment is necessary", DelegationGame(neg, sh), (0, 1),
                        "WR = 0 and r = 1, but the agents are exactly opposed (IA = 0)",
                        "Sourbut, Hammond & Wood (2024), necessity; the alignment-is-necessary example (symalign)")


def calibration_example() -> NamedExample:
    """*Calibration is necessary*: IA = 1 and WR = 0, but r = (1/3, 1).

    Examples
    ========

    >>> from symalign.delegation.constructions import calibration_example
    >>> from symalign.delegation import welfare_regret
    >>> ex = calibration_example()
    >>> welfare_regret(ex.game, ex.profile, "agents"), welfare_regret(ex.game, ex.profile)
    (0, 1)

    """
    dg = DelegationGame.from_arrays([[[3], [0]], [[0], [2]]], [[[1], [0]], [[0], [2]]])
    return NamedExample("calibration is necessary", dg, (0, 0),
                        "perfectly aligned, perfectly cooperative but miscalibrated agents",
                        "Sourbut, Hammond & Wood (2024), necessity; the calibration-is-necessary example (symalign)")


def soft_vegetarian_bots() -> NamedExample:
    """The blog post's soft-vegetarian bots (Sourbut, Hammond & Wood, 2024; numbers ours): both agents ``u = (4, 1, 1, 3)``.

    Examples
    ========

    >>> from symalign.delegation.constructions import soft_vegetarian_bots
    >>> from symalign.delegation import welfare_regret
    >>> ex = soft_vegetarian_bots()
    >>> welfare_regret(ex.game, ex.profile, "agents"), welfare_regret(ex.game, ex.profile)
    (0, 16)

    """
    bots = Game.from_arrays([[4, 1], [1, 3]], [[4, 1], [1, 3]], actions=[["F", "M"]] * 2)
    sh = _stag_hunt()
    return NamedExample("soft-vegetarian bots", DelegationGame(bots, sh), (0, 0),
                        "calibrated, cooperative agents that prefer fruit: muesli forever",
                        "the blog post's soft-vegetarian bots, numbers invented for symalign")


def ca_substitutes_for_calibration() -> NamedExample:
    """With identical principals, IA = 1 and WR = 0 give WR_hat = 0 at any calibration.

    Examples
    ========

    >>> from symalign.delegation.constructions import ca_substitutes_for_calibration
    >>> from symalign.delegation import welfare_regret
    >>> ex = ca_substitutes_for_calibration()
    >>> welfare_regret(ex.game, ex.profile)
    0

    """
    sh = _stag_hunt()
    agents = Game([3 * sh.sympy_array()[0], sh.sympy_array()[1] + 5])
    return NamedExample("collective alignment substitutes for calibration",
                        DelegationGame(agents, sh), (1, 1),
                        "principals perfectly collectively aligned; agents miscalibrated "
                        "(r = (1/3, 1)) yet the principals lose nothing",
                        "Sourbut, Hammond & Wood (2024), necessity")



