"""Machine-checked claims: identities, Farkas certificates, argmax case splits, finite search.

This module holds the entry point `verify` and the generic families; each method has its own
module (`records`, `identities`, `certificates`, `piecewise`, `search`) and is re-exported here.

A claim about a *family* of games (a generic symbolic game of a given shape, possibly with
assumptions on its payoffs) is decided by one of five methods, recorded in the result:

``"identity"``
    ``lhs - rhs`` simplifies to zero (after the exact rewrite lemmas
    ``max(x + c) = max(x) + c`` and ``max(lambda x) = lambda max(x)`` for ``lambda > 0``).
``"certificate"``
    a linear (Farkas / Positivstellensatz of degree two) certificate
    ``goal = sum_k lambda_k h_k + s`` with ``lambda_k >= 0`` and a constant slack ``s >= 0``,
    re-checked in exact arithmetic; piecewise-linear claims are first split into the cases of
    their maxima (`prove_piecewise_linear`).
``"lemma chain"``
    several steps, each proved by one of the methods above.
``"exhaustive"``
    every member of a finite family checked exactly.
``"sampled"``
    a hypothesis search: it can *refute* (``holds=False`` with a counterexample) but never
    proves (``holds=None`` otherwise).

Floats may guide a search (an LP solver proposing multipliers) but every result is verified
exactly; nothing is accepted on a tolerance. This follows `teorth/estimates`, whose LP tool
returns exact certificates.
"""

from __future__ import annotations

import itertools
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import replace

import sympy

from symalign.parametric.closedforms import (
    raw_maxima,  # re-exported: the case-split prover works on maxima
)
from symalign.proving.certificates import check_certificate, find_certificate, find_counterexample
from symalign.proving.identities import check_identity
from symalign.proving.piecewise import prove_piecewise_linear
from symalign.proving.records import (
    _REL,
    METHODS,
    Certificate,
    Step,
    Verification,
    generic_game,
    generic_profile,
)
from symalign.proving.search import exhaustive, lemma_chain, refute_by_search, sampled

__all__ = [
    "Step",
    "Verification",
    "Certificate",
    "METHODS",
    "check_identity",
    "check_certificate",
    "find_certificate",
    "find_counterexample",
    "prove_piecewise_linear",
    "exhaustive",
    "sampled",
    "lemma_chain",
    "refute_by_search",
    "verify",
    "generic_game",
    "generic_profile",
    "raw_maxima",
]


# -- generic families and the user-facing entry point ------------------------------------------





def verify(conjecture: Callable, family, assumptions: Sequence = (), method: str = "auto", *,
           name: str = "conjecture", claim: str | None = None, expected: bool = True,
           source: str = "") -> Verification:
    """Decide a conjecture about a family of games: proved, refuted (counterexample) or undecided.

    ``family`` is a shape such as ``(2, 2)`` (a generic symbolic game of that shape, with
    ``assumptions`` on its payoff symbols ``u_i_a``), a symbolic `Game`, or a finite iterable of
    games (checked exhaustively). ``conjecture(game)`` returns a sympy relation (``Eq``
    equalities, inequalities with maxima) or a bool.

    ``method="auto"`` tries, in order: an identity (for ``Eq``), a case-split certificate (for
    inequalities), and then a search for a counterexample among small integer games. A claim
    that is neither proved nor refuted is reported undecided, never guessed.

    Examples
    ========

    >>> import sympy, symalign as sa
    >>> from symalign.proving.claims import verify
    >>> verify(lambda g: sa.alpha(g) <= 0, (2, 3)).holds
    True
    >>> v = verify(lambda g: sa.alpha(g) >= sa.min_welfare(g) - sa.utopia_welfare(g), (2, 2))
    >>> v.holds
    True
    >>> v = verify(lambda g: sympy.Eq(sa.alpha(g), 0), (2, 2))
    >>> v.holds, v.counterexample is not None
    (False, True)

    Parameters
    ==========

    conjecture : callable
        ``game -> relation or bool``.
    family : tuple of int, Game, or iterable of Game
    assumptions : sequence of sympy relations
        On the generic game's symbols.
    method : {"auto", "identity", "certificate", "exhaustive", "sampled"}

    Returns
    =======

    Verification

    """
    from symalign.core.game import Game
    t0 = time.perf_counter()
    if method not in ("auto", *METHODS):
        raise ValueError(f"Argument 'method' is {method!r}; expected 'auto' or one of {METHODS}.")
    if isinstance(family, tuple) and all(isinstance(k, int) for k in family):
        game = generic_game(family)
        shape = family
    elif isinstance(family, Game):
        game = family
        shape = game.shape
        assumptions = (*game.assumptions, *assumptions)
    else:
        v = exhaustive(conjecture, family, name=name, claim_latex=claim or name, expected=expected,
                       source=source)
        return v
    if method == "exhaustive":
        raise ValueError("method='exhaustive' needs a finite iterable of games as 'family'.")
    if method == "sampled":
        from symalign.proving.testing import games as games_strategy
        return sampled(conjecture, games_strategy(n_players=len(shape), shape=shape), name=name,
                       claim_latex=claim or name, expected=expected, source=source)
    with raw_maxima():
        raw = conjecture(game)
    if raw is False:  # Python ``==`` on expressions compares structure: not a refutation
        rel = None
    else:
        rel = sympy.sympify(raw)
    latex = claim or (sympy.latex(rel) if rel is not None else name)
    result = None
    if isinstance(rel, sympy.Eq) and method in ("auto", "identity", "certificate"):
        if method != "certificate":
            result = check_identity(rel.lhs, rel.rhs, assumptions, name=name, claim=latex,
                                    expected=expected, source=source)
        if result is None or (result.holds is None and method == "auto"):
            # an equality of piecewise-linear functions: prove both inequalities
            le = prove_piecewise_linear(sympy.Le(rel.lhs, rel.rhs), assumptions=assumptions,
                                        name=name, expected=expected, source=source)
            ge = prove_piecewise_linear(sympy.Ge(rel.lhs, rel.rhs), assumptions=assumptions,
                                        name=name, expected=expected, source=source)
            holds = True if (le.holds and ge.holds) else (
                False if (le.holds is False or ge.holds is False) else None)
            result = Verification(claim=latex, name=name, method="certificate",
                                  steps=le.steps + ge.steps, assumptions=tuple(assumptions),
                                  expected=expected, holds=holds,
                                  counterexample=le.counterexample or ge.counterexample,
                                  source=source)
    elif isinstance(rel, _REL) and method in ("auto", "certificate"):
        result = prove_piecewise_linear(rel, assumptions=assumptions, name=name,
                                        claim_latex=latex, expected=expected, source=source)
    elif rel is sympy.true or rel is sympy.false:
        result = Verification(claim=latex, name=name, method="identity",
                              steps=(Step(rel, "evaluated on the generic game", bool(rel)),),
                              assumptions=tuple(assumptions), expected=expected, holds=bool(rel),
                              source=source)
    if result is not None and result.holds is False and result.counterexample is not None \
            and isinstance(result.counterexample, dict):
        try:
            result = replace(result, counterexample=game.subs(result.counterexample))
        except Exception:  # keep the point if the substitution leaves symbols
            pass
    if (result is None or result.holds is None) and method == "auto" and not assumptions:
        cands = _small_games(shape)
        search = refute_by_search(conjecture, cands, name=name, claim_latex=latex,
                                  expected=expected, source=source,
                                  description=f"small integer games of shape {shape}")
        if search.holds is False:
            steps = (result.steps if result is not None else ()) + search.steps
            result = replace(search, steps=steps, method="exhaustive")
    if result is None:
        result = Verification(claim=latex, name=name, method=method if method != "auto" else
                              "identity", assumptions=tuple(assumptions), expected=expected,
                              holds=None, source=source)
    return replace(result, seconds=time.perf_counter() - t0)


def _small_games(shape, values=(0, 1, 2), limit: int = 3000):
    """Deterministic small integer games of ``shape`` for counterexample search."""
    from symalign.core.game import Game
    shape = tuple(shape)
    n = len(shape)
    size = math.prod(shape) * n
    count = 0
    import numpy as np
    rng = np.random.default_rng(0)
    if len(values) ** size <= limit:
        it = itertools.product(values, repeat=size)
    else:
        it = (tuple(int(v) for v in rng.integers(min(values), max(values) + 1, size=size))
              for _ in range(limit))
    for flat in it:
        count += 1
        arr = np.array(flat, dtype=np.int64).reshape((n, *shape))
        yield Game(list(arr))
