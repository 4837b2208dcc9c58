"""Shared helpers for the theorem modules (not a theorem itself)."""

from __future__ import annotations

import itertools
import time
from collections.abc import Sequence
from dataclasses import replace

import numpy as np
import sympy

from symalign.proving.claims import Step, Verification, lemma_chain

SHAPES = ((2, 2), (2, 3), (2, 2, 2))


def finish(module, parts: Sequence, *, t0: float, method: str | None = None,
           counterexample=None, holds=None, instances: bool = False) -> Verification:
    """Stamp a theorem module's name, statement, hypotheses and source on its verification.

    ``parts`` are `Verification` or `Step` objects; a single verification keeps its method,
    several make a lemma chain. ``holds`` overrides the combined value (used by refutations).
    ``instances=True`` says every part is an instance of the claim (one generic shape each), so
    a refuted part refutes the claim.
    """
    parts = list(parts)
    if len(parts) == 1 and isinstance(parts[0], Verification):
        v = parts[0]
    else:
        v = lemma_chain(parts, name=module.NAME, claim=module.STATEMENT)
        sub = [p for p in parts if isinstance(p, Verification)]
        if method is None and sub and all(p.method == sub[0].method for p in sub) \
                and len(sub) == len(parts):
            method = sub[0].method
    kw = {}
    # A refuted *instance* of the claim (a generic shape, or an exhaustive family check of the
    # claim itself) refutes the claim; a failed auxiliary lemma only leaves it undecided.
    sub = [p for p in parts if isinstance(p, Verification)]
    refuting = [p for p in sub if p.holds is False
                and (instances or p.method == "exhaustive")]
    if refuting and holds is None and counterexample is None:
        kw["holds"] = False
        kw["counterexample"] = refuting[0].counterexample
    if holds is not None or counterexample is not None:
        kw["holds"] = holds
        kw["counterexample"] = counterexample
    return replace(v, name=module.NAME, claim=module.STATEMENT, source=module.SOURCE,
                   assumptions=tuple(module.HYPOTHESES), expected=module.EXPECTED,
                   method=method or v.method, seconds=time.perf_counter() - t0, **kw)


def step(statement, how: str, holds) -> Step:
    """A `Step` with a plain-text statement."""
    st = statement if isinstance(statement, sympy.Basic) else sympy.Symbol(str(statement))
    return Step(st, how, holds)


def small_games(shape, values) -> list:
    """Every game of ``shape`` with payoffs in ``values`` (exhaustive, deterministic order)."""
    from symalign import Game
    n = len(shape)
    size = int(np.prod(shape)) * n
    out = []
    for flat in itertools.product(values, repeat=size):
        arr = np.array(flat, dtype=np.int64).reshape((n, *shape))
        out.append(Game(list(arr)))
    return out


def integer_tensors(shape, values):
    """Every payoff tensor (numpy int array, shape ``(n, *shape)``) with entries in ``values``."""
    n = len(shape)
    size = int(np.prod(shape)) * n
    grid = np.array(list(itertools.product(values, repeat=size)), dtype=np.int64)
    return grid.reshape((-1, n, *shape))


def delegation_family(count: int = 10):
    """Deterministic small delegation games with profiles: ``[(label, dg, profile), ...]``.

    Seeded random 2x2 agent and principal games (integers in [-3, 3]), the spec's §12.4
    calibration example and the stag hunt with itself; every pure profile and the uniform
    mixed profile.
    """
    import symalign as sa
    from symalign.delegation import DelegationGame
    games = [("§12.4", DelegationGame.from_arrays([[[3], [0]], [[0], [2]]],
                                                  [[[1], [0]], [[0], [2]]])),
             ("stag hunt", DelegationGame(sa.games.stag_hunt(), sa.games.stag_hunt())),
             ("PD agents, BoS principals",
              DelegationGame(sa.games.prisoners_dilemma(), sa.games.battle_of_the_sexes()))]
    for seed in range(count):
        games.append((f"random seed {seed}",
                      DelegationGame(sa.games.random_game((2, 2), seed, low=-3, high=3),
                                     sa.games.random_game((2, 2), 1000 + seed, low=-3, high=3))))
    out = []
    for label, dg in games:
        shape = dg.shape
        profiles = list(itertools.product(*(range(k) for k in shape)))
        profiles.append([[sympy.Rational(1, k)] * k for k in shape])
        for prof in profiles:
            out.append((label, dg, prof))
    return out


def bound_holds(form, *, require_hypotheses: bool = False, **kwargs):
    """A predicate ``(label, dg, profile) -> bool``: the bound holds, or its hypotheses fail
    (which then counts as a failure when ``require_hypotheses``)."""
    def rule(item):
        _, dg, prof = item
        b = form(dg, prof, **kwargs)
        if not b.holds_hypotheses:
            return not require_hypotheses
        return b.holds is True
    return rule
