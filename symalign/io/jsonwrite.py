"""Writing symalign's JSON game format: games and delegation games as exact JSON text
(`game_to_json`, `delegation_to_json`); `symalign.io.jsonfile` reads it back."""

from __future__ import annotations

import json
import math

import sympy

from symalign.core.deprecation import warn_deprecated
from symalign.core.errors import FileFormatError, InvalidGameError, ResourceLimitError
from symalign.core.game import Game
from symalign.core.lazy import np
from symalign.core.parsing import FUNCTIONS, parse_expression
from symalign.io.jsonfile import _NAME, ASSUMPTIONS

__all__ = ["game_to_dict", "game_to_json", "delegation_to_dict", "delegation_to_json"]

# -- writing ---------------------------------------------------------------------------------
_OPS = {sympy.StrictGreaterThan: ">", sympy.GreaterThan: ">=", sympy.StrictLessThan: "<",
        sympy.LessThan: "<=", sympy.Equality: "==", sympy.Unequality: "!="}


def _expr_text(e, symbols, what: str):
    if e.is_Integer:
        return int(e)
    text = str(e)
    try:
        back = parse_expression(text, symbols)
    except (FileFormatError, ResourceLimitError):
        back = None
    if back != e:
        raise InvalidGameError(f"Argument 'game': the {what} {text[:60]} cannot be written "
                               "in symalign JSON (only +, -, *, /, ^, sqrt, abs, max, min and "
                               "declared parameters can be read back).")
    return text


def _parameters(games) -> dict:
    params: dict[str, dict] = {}
    syms: set = set()
    for g in games:
        syms |= g.free_symbols
        for r in g.assumptions:
            syms |= r.free_symbols
    for s in sorted(syms, key=lambda s: s.name):
        if not isinstance(s, sympy.Symbol) or type(s) is not sympy.Symbol:
            raise InvalidGameError(f"Argument 'game' contains {s!r} of type "
                                   f"{type(s).__name__}; only plain sympy Symbols can be "
                                   "written.")
        if not _NAME.match(s.name) or "__" in s.name or s.name in FUNCTIONS:
            raise InvalidGameError(f"Argument 'game' has the parameter {s.name!r}, whose name "
                                   "cannot be read back; rename it to a letter followed by "
                                   "letters, digits or single underscores.")
        if s.name in params:
            raise InvalidGameError(f"Argument 'game' has two different parameters named "
                                   f"{s.name!r} (with different assumptions).")
        orig = {k: bool(v) for k, v in s._assumptions_orig.items() if v is not None}
        bad = set(orig) - ASSUMPTIONS
        if bad:  # pragma: no cover - sympy only knows ASSUMPTIONS
            raise InvalidGameError(f"Argument 'game': parameter {s.name!r} has unknown "
                                   f"assumptions {sorted(bad)}.")
        params[s.name] = dict(sorted(orig.items()))
    return params


def _relations_text(games, symbols) -> list[str]:
    out: list[str] = []
    for g in games:
        for r in g.assumptions:
            parts = list(r.args) if isinstance(r, sympy.And) else [r]
            for rel in parts:
                op = _OPS.get(type(rel))
                if op is None:
                    raise InvalidGameError(f"Argument 'game' has the assumption {rel}, which "
                                           "is not a single relation such as T > R.")
                text = (f"{_expr_text(rel.lhs, symbols, 'assumption side')} {op} "
                        f"{_expr_text(rel.rhs, symbols, 'assumption side')}")
                if text not in out:
                    out.append(text)
    return out


def _payoff_lists(game: Game, symbols) -> list:
    if game.is_numeric:
        arrays = []
        for ex in game.exact_arrays():
            den = ex.den
            flat = []
            for p in ex.num.reshape(-1).tolist():
                p = int(p)
                g = math.gcd(p, den)
                flat.append(p // g if den // g == 1 else f"{p // g}/{den // g}")
            arrays.append(np.array(flat + [None], dtype=object)[:-1].reshape(game.shape))
    else:
        U = game.sympy_array()
        arrays = []
        for i in range(game.n_players):
            flat = [_expr_text(e, symbols, "payoff") for e in U[i].reshape(-1)]
            arrays.append(np.array(flat + [None], dtype=object)[:-1].reshape(game.shape))
    return [a.tolist() for a in arrays]


def game_to_dict(game: Game) -> dict:
    """The JSON-ready dict of a game: `game_from_dict` reads it back to an equal game.

    Integers stay integers; other rationals and expressions become strings (``"3/4"``,
    ``"2*T - 1"``). Parameters are written with the assumptions they were created with;
    assumptions are written one relation per string (an ``And`` of relations is split).
    Every written expression is parsed back and compared, so what cannot be read back
    (functions other than ``sqrt``, ``abs``, ``max``, ``min``; parameter names that are not
    identifiers) is refused here rather than later.

    Examples
    ========

    >>> import sympy, symalign as sa
    >>> from symalign.io.jsonwrite import game_to_dict
    >>> x = sympy.Symbol("x", positive=True)
    >>> d = game_to_dict(sa.Game.from_arrays([[x, "1/2"]], [[0, 1]], players=["A", "B"]))
    >>> d["payoffs"], d["parameters"]
    ([[['x', '1/2']], [[0, 1]]], {'x': {'positive': True}})

    """
    if not isinstance(game, Game):
        raise InvalidGameError(f"Argument 'game' must be a Game, not {type(game).__name__}.")
    return _to_dict([game], lambda s: _payoff_lists(game, s))


def _to_dict(games, payoffs) -> dict:
    g0 = games[0]
    for nm in list(g0.players) + [a for acts in g0.actions for a in acts]:
        if any(0xD800 <= ord(c) <= 0xDFFF for c in nm):
            raise InvalidGameError(f"Argument 'game' has the name {nm!r} with a lone "
                                   "surrogate, which cannot be written.")
    params = _parameters(games)
    symbols = {name: sympy.Symbol(name, **a) for name, a in params.items()}
    d: dict = {"players": list(g0.players), "actions": [list(a) for a in g0.actions]}
    if params:
        d["parameters"] = params
    rels = _relations_text(games, symbols)
    if rels:
        d["assumptions"] = rels
    d["payoffs"] = payoffs(symbols)
    return d


def _dumps(d: dict) -> str:
    def enc(v, indent):
        if isinstance(v, dict):
            if not v:
                return "{}"
            pad = " " * (indent + 2)
            items = [f"{pad}{json.dumps(k, ensure_ascii=False)}: {enc(x, indent + 2)}"
                     for k, x in v.items()]
            return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"
        if isinstance(v, list):
            if all(not isinstance(x, (list, dict)) for x in v):
                return "[" + ", ".join(json.dumps(x, ensure_ascii=False) for x in v) + "]"
            pad = " " * (indent + 2)
            return ("[\n" + ",\n".join(pad + enc(x, indent + 2) for x in v) + "\n"
                    + " " * indent + "]")
        return json.dumps(v, ensure_ascii=False)
    return enc(d, 0) + "\n"


def game_to_json(game: Game) -> str:
    """The symalign JSON text of a game; `game_from_json` reads it back to an equal game.

    Examples
    ========

    >>> import symalign as sa
    >>> from symalign.io.jsonfile import game_from_json
    >>> from symalign.io.jsonwrite import game_to_json
    >>> g = sa.Game.from_arrays([[1, "-1/2"]], [[-1, 1]], players=["Row", "Col"])
    >>> print(game_to_json(g), end="")
    {
      "players": ["Row", "Col"],
      "actions": [
        ["0"],
        ["0", "1"]
      ],
      "payoffs": [
        [
          [1, "-1/2"]
        ],
        [
          [-1, 1]
        ]
      ]
    }
    >>> game_from_json(game_to_json(g)) == g
    True

    Raises
    ======

    InvalidGameError
        For payoffs or assumptions the format cannot hold (functions other than sqrt, abs,
        max, min; parameters whose names are not identifiers).

    """
    return _dumps(game_to_dict(game))


def _delegation_parts(dg, principals, name: str) -> tuple[Game, Game]:
    if principals is not None:
        warn_deprecated(f"{name}(agents, principals)",
                        f"{name}(DelegationGame(agents, principals))", stacklevel=4)
        return dg, principals
    from symalign.delegation.model import DelegationGame
    if not isinstance(dg, DelegationGame):
        raise InvalidGameError(f"Argument 'dg' must be a DelegationGame, not "
                               f"{type(dg).__name__}.")
    if dg.weights is not None or dg.welfare_form != "sum":
        raise InvalidGameError("Argument 'dg' has welfare weights or average welfare, which the "
                               "JSON format does not store; write DelegationGame(dg.agents, "
                               "dg.principals) and keep the weights beside it.")
    return dg.agents, dg.principals


def delegation_to_dict(dg, principals: Game | None = None) -> dict:
    """The JSON-ready dict of a delegation game; `delegation_from_dict` reads it back.

    The agents' and principals' games must have the same players and actions; their
    assumptions are merged. The older form ``delegation_to_dict(agents, principals)`` is
    deprecated.

    Examples
    ========

    >>> import symalign as sa
    >>> from symalign.io.jsonwrite import delegation_to_dict
    >>> pd = sa.games.prisoners_dilemma()
    >>> sorted(delegation_to_dict(sa.DelegationGame(pd, pd))["payoffs"])
    ['agents', 'principals']

    """
    return _delegation_dict(*_delegation_parts(dg, principals, "delegation_to_dict"))


def _delegation_dict(agents: Game, principals: Game) -> dict:
    for nm, g in (("agents", agents), ("principals", principals)):
        if not isinstance(g, Game):
            raise InvalidGameError(f"Argument '{nm}' must be a Game, not {type(g).__name__}.")
    if (agents.shape, agents.players, agents.actions) != (principals.shape, principals.players,
                                                          principals.actions):
        raise InvalidGameError("Arguments 'agents' and 'principals' must have the same shape, "
                               f"players and actions; they have {agents.shape} and "
                               f"{principals.shape}, {agents.players} and {principals.players}.")
    return _to_dict([agents, principals],
                    lambda s: {"agents": _payoff_lists(agents, s),
                               "principals": _payoff_lists(principals, s)})


def delegation_to_json(dg, principals: Game | None = None) -> str:
    """The symalign JSON text of a delegation game; `delegation_from_json` reads it back.

    The older form ``delegation_to_json(agents, principals)`` is deprecated.

    Examples
    ========

    >>> import symalign as sa
    >>> from symalign.io.jsonfile import delegation_from_json
    >>> from symalign.io.jsonwrite import delegation_to_json
    >>> a = sa.Game.from_arrays([[2, 0], [0, 1]], [[2, 0], [0, 1]])
    >>> p = sa.Game.from_arrays([[1, 0], [0, "3/2"]], [[0, 1], [1, 0]])
    >>> dg = sa.DelegationGame(a, p)
    >>> delegation_from_json(delegation_to_json(dg)) == dg
    True

    """
    return _dumps(_delegation_dict(*_delegation_parts(dg, principals, "delegation_to_json")))
