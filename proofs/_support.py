"""Shared helpers for the theorem modules (not a theorem itself)."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import sympy

from symalign.proving.claims import Step

SHAPES = ((2, 2), (2, 3), (2, 2, 2))


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

    Seeded random 2x2 agent and principal games (integers in [-3, 3]), the
    calibration example, the stag hunt with itself and with negated agents (the necessity examples
    of docs/discussion/worked-examples.rst, where
    Form A's cap binds), indifferent agents (every m_i = 0: H4 fails, Form A keeps only
    R = 0); every pure profile and the uniform mixed profile.
    """
    import symalign as sa
    from symalign.delegation import DelegationGame
    games = [("calibration example", DelegationGame.from_arrays([[[3], [0]], [[0], [2]]],
                                                  [[[1], [0]], [[0], [2]]])),
             ("stag hunt", DelegationGame(sa.games.stag_hunt(), sa.games.stag_hunt())),
             ("indifferent agents", DelegationGame(sa.Game([[[0, 0], [0, 0]], [[0, 0], [0, 0]]]),
                                                   sa.games.battle_of_the_sexes())),
             ("alignment example: agents = -stag hunt",
              DelegationGame(sa.Game([-u for u in sa.games.stag_hunt().sympy_array()]),
                             sa.games.stag_hunt())),
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


def fraction(x) -> Fraction:
    """An exact sympy rational as a `Fraction` (the independent checker's number type)."""
    x = sympy.nsimplify(x) if not isinstance(x, (int, sympy.Rational)) else sympy.Rational(x)
    return Fraction(int(x.p), int(x.q))


def table(game):
    """``(U, shape)`` for `proofs._independent`: ``U[i][a]`` as Fractions, row-major."""
    arr = game.sympy_array()
    shape = tuple(game.shape)
    outs = list(itertools.product(*(range(k) for k in shape)))
    return [{a: fraction(arr[i][a]) for a in outs} for i in range(len(shape))], shape


def test_games(seed_count: int = 12):
    """Named games for the certificate theorems: the two-player catalogue, seeded random games
    (2x2, 2x3, 3x3 with payoffs in [-3, 3], often degenerate) and 2x2x2 games."""
    import symalign as sa
    out = [(k, f()) for k, (f, _) in sa.games.CATALOGUE.items()]
    for seed in range(seed_count):
        for shape in ((2, 2), (2, 3), (3, 3), (2, 2, 2)):
            out.append((f"random {shape} seed {seed}",
                        sa.games.random_game(shape, seed, low=-3, high=3)))
    return out


def per_shape(build, shapes=None) -> list:
    """``build(shape, g)`` for the generic game ``g`` of each shape, with raw maxima kept (the
    identity and certificate provers work on ``Max`` forms); returns the parts, flattened."""
    from symalign.proving.claims import generic_game, raw_maxima
    parts = []
    for shape in SHAPES if shapes is None else shapes:
        with raw_maxima():
            out = build(shape, generic_game(shape))
        parts += out if isinstance(out, list) else [out]
    return parts


_EVERY_SHAPE = "every 2x2, 2x3 and 2x2x2 game (generic payoff symbols"
#: Declaration options of a theorem proved shape by shape by identities (`per_shape`).
PER_SHAPE_IDENTITY = {"scope": "generic shapes", "covers": _EVERY_SHAPE + ")",
                      "method": "identity", "instances": True}
#: Declaration options of a theorem proved shape by shape by certificates (`per_shape`).
PER_SHAPE_CERTIFICATE = {**PER_SHAPE_IDENTITY, "covers": _EVERY_SHAPE + ", every argmax case)",
                         "method": "certificate"}
