"""symalign's own JSON game format, with exact and symbolic payoffs.

A game file is one JSON object::

    {"players": ["Row", "Col"],
     "actions": [["C", "D"], ["C", "D"]],
     "parameters": {"T": {"positive": true}, "R": {"positive": true}},
     "assumptions": ["T > R"],
     "payoffs": [[["R", 0], ["T", 1]],
                 [["R", "T"], [0, 1]]]}

``payoffs`` holds one array per player, indexed by profile (``payoffs[i][a_0]...[a_{n-1}]``,
as `Game`). Entries are JSON integers or strings holding exact expressions (``"3/2"``,
``"2*T - 1"``, ``"sqrt(2)"``) read by the whitelist parser `symalign.core.parsing.parse_expression`
with the declared ``parameters`` as sympy symbols carrying the given assumptions (names from
sympy's assumption system: ``positive``, ``integer``, ``real``, ...). JSON floats such as
``1.5`` are refused (write ``"3/2"``), as are ``NaN``, ``Infinity``, booleans and ``null``.
Only ``payoffs`` is required; ``players`` and ``actions`` default to ``"0", "1", ...``;
``title`` is an optional string. Unknown and duplicate keys are errors.

A delegation-game file has ``"payoffs": {"agents": [...], "principals": [...]}`` instead:
two payoff tensors over the same players and actions (`delegation_from_json`).

Every problem is a `FileFormatError` (with the line and column where the JSON text gives
them, and the JSON path such as ``payoffs[1][0][1]`` otherwise) or a `ResourceLimitError`
naming the setting; sizes and nesting are checked before anything large is built.
"""

from __future__ import annotations

import json
import math
import re

from symalign.core.lazy import np
import sympy

from symalign.core.config import settings
from symalign.core.errors import FileFormatError, InvalidGameError, ResourceLimitError
from symalign.core.errors import line_column as _where
from symalign.core.game import Game
from symalign.core.parsing import FUNCTIONS, parse_expression, parse_relation


__all__ = [
    "game_from_json",
    "game_from_dict",
    "delegation_from_json",
    "delegation_from_dict",
    "ASSUMPTIONS",
]

#: The sympy assumption names a parameter may declare (sympy's own assumption system).
ASSUMPTIONS = frozenset({
    "algebraic", "antihermitian", "commutative", "complex", "composite", "even",
    "extended_negative", "extended_nonnegative", "extended_nonpositive", "extended_nonzero",
    "extended_positive", "extended_real", "finite", "hermitian", "imaginary", "infinite",
    "integer", "irrational", "negative", "noninteger", "nonnegative", "nonpositive", "nonzero",
    "odd", "polar", "positive", "prime", "rational", "real", "transcendental", "zero",
})

_GAME_KEYS = ("players", "actions", "payoffs", "parameters", "assumptions", "title")
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")
_STRUCT = re.compile(r'"(?:[^"\\]|\\.)*"?|[\[{]|[\]}]', re.DOTALL)


class _Located(Exception):
    """Private: raised inside json hooks; carries the message and a regex to locate it."""

    def __init__(self, message: str, pattern: str | None, limit: str | None = None):
        self.message = message
        self.pattern = pattern
        self.limit = limit


def _locate(text: str, pattern: str | None, nth: int = 1):
    """Line and column of the ``nth`` match of ``pattern`` outside JSON strings (or None)."""
    if pattern is None:
        return None
    rx = re.compile("(" + pattern + r')|"(?:[^"\\]|\\.)*"', re.DOTALL)
    seen = 0
    for m in rx.finditer(text):
        if m.group(1) is not None:
            seen += 1
            if seen == nth:
                return _where(text, m.start(1))
    return None


def _check_depth(text: str, file: str | None) -> None:
    depth = 0
    limit = settings.max_nesting
    for m in _STRUCT.finditer(text):
        c = m.group()[0]
        if c in "[{":
            depth += 1
            if depth > limit:
                line, column = _where(text, m.start())
                raise ResourceLimitError(
                    f"{file or 'the JSON text'} nests arrays and objects deeper than {limit} "
                    f"levels (line {line} column {column})", "max_nesting", limit)
        elif c in "]}":
            depth -= 1


def _pairs(pairs):
    seen = set()
    for k, _ in pairs:
        if k in seen:
            raise _Located(f"duplicate key {k!r}", None, k)
        seen.add(k)
    return dict(pairs)


def _float(text: str):
    hint = "p/q"
    if len(text) < 40:
        try:
            hint = str(sympy.Rational(text)) if abs(int(text.lower().partition("e")[2] or 0)) \
                < 50 else hint
        except (ValueError, TypeError):  # pragma: no cover - defensive
            pass
    raise _Located(f"the JSON number {text[:40]} is a float; symalign reads exact values only: "
                   f"write it as the string \"{hint}\"", re.escape(text))


def _constant(text: str):
    raise _Located(f"{text} is not a number symalign accepts (payoffs are finite and exact)",
                   r"(?<![\w.])" + re.escape(text) + r"(?![\w])")


def _int(text: str):
    digits = len(text.lstrip("-"))
    if digits > settings.max_digits:
        raise _Located(f"an integer literal has {digits} digits", None, "max_digits")
    try:
        return int(text)
    except ValueError:
        raise _Located(f"an integer literal has {digits} digits, more than Python's int() "
                       "accepts", None, "max_digits") from None


def _loads(text: str, file: str | None):
    if not isinstance(text, str):
        raise FileFormatError(f"Argument 'text' must be a str, not {type(text).__name__}.",
                              file=file)
    if len(text) > settings.max_file_bytes:
        raise ResourceLimitError(f"the JSON text has {len(text)} characters", "max_file_bytes",
                                 settings.max_file_bytes)
    _check_depth(text, file)
    try:
        return json.loads(text, object_pairs_hook=_pairs, parse_float=_float,
                          parse_constant=_constant, parse_int=_int)
    except json.JSONDecodeError as exc:
        raise FileFormatError(f"invalid JSON: {exc.msg}", file=file, line=exc.lineno,
                              column=exc.colno) from None
    except _Located as exc:
        if exc.limit == "max_digits":
            found = _locate(text, r"-?[0-9]{%d,}" % (settings.max_digits + 1))
            at = f" (line {found[0]} column {found[1]})" if found else ""
            raise ResourceLimitError(f"{file or 'the JSON text'}: {exc.message}{at}",
                                     "max_digits", settings.max_digits) from None
        pattern = exc.pattern
        nth = 1
        if exc.limit is not None:  # a duplicate key: locate its second occurrence as a key
            pattern = re.escape(json.dumps(exc.limit, ensure_ascii=False)) + r"(?=\s*:)"
            nth = 2
            found = _locate(text, pattern, nth)
        else:
            found = _locate(text, pattern, nth)
        line, column = found if found else (None, None)
        raise FileFormatError(exc.message, file=file, line=line, column=column) from None
    except RecursionError:  # pragma: no cover - _check_depth prevents it
        raise ResourceLimitError("the JSON text nests too deeply", "max_nesting",
                                 settings.max_nesting) from None


# -- validation ------------------------------------------------------------------------------
class _Checker:
    def __init__(self, file: str | None):
        self.file = file

    def fail(self, message: str) -> FileFormatError:
        return FileFormatError(message, file=self.file)

    def limit(self, what: str, setting: str) -> ResourceLimitError:
        where = f"{self.file}: " if self.file else ""
        return ResourceLimitError(f"{where}{what}", setting, getattr(settings, setting))

    def names(self, value, path: str, expected: int | None) -> list[str]:
        if not isinstance(value, list):
            raise self.fail(f"{path} must be a list of names, not {_show(value)}")
        if expected is not None and len(value) != expected:
            raise self.fail(f"{path} has {len(value)} names, but {expected} are needed")
        for k, nm in enumerate(value):
            if not isinstance(nm, str) or not nm:
                raise self.fail(f"{path}[{k}] is {_show(nm)}; names are non-empty strings")
            bad = next((c for c in nm if ord(c) < 32 or 0xD800 <= ord(c) <= 0xDFFF), None)
            if bad is not None:
                raise self.fail(f"{path}[{k}] is {nm[:40]!r}, which contains the character "
                                f"{bad!r}; names must be printable")
        if len(set(value)) != len(value):
            dup = next(x for x in value if value.count(x) > 1)
            raise self.fail(f"{path} names {dup!r} twice; names must be distinct")
        return list(value)

    def parameters(self, value) -> dict[str, sympy.Symbol]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise self.fail(f"'parameters' must be an object {{name: {{assumption: true}}}}, "
                            f"not {_show(value)}")
        out = {}
        for name, assumptions in value.items():
            if not _NAME.match(name) or "__" in name or len(name) > 100:
                raise self.fail(f"parameters: the name {name[:40]!r} is not allowed; use a "
                                "letter followed by letters, digits or single underscores")
            if name in FUNCTIONS:
                raise self.fail(f"parameters: the name {name!r} is a function name")
            if not isinstance(assumptions, dict):
                raise self.fail(f"parameters[{name!r}] must be an object of assumptions such "
                                f"as {{\"positive\": true}}, not {_show(assumptions)}")
            for a, flag in assumptions.items():
                if a not in ASSUMPTIONS:
                    raise self.fail(f"parameters[{name!r}]: {a[:40]!r} is not a sympy "
                                    f"assumption (known: {', '.join(sorted(ASSUMPTIONS))})")
                if not isinstance(flag, bool):
                    raise self.fail(f"parameters[{name!r}][{a!r}] is {_show(flag)}; use true "
                                    "or false")
            try:
                out[name] = sympy.Symbol(name, **assumptions)
            except Exception as exc:  # sympy's InconsistentAssumptions and the like
                raise self.fail(f"parameters[{name!r}]: the assumptions {assumptions} are "
                                f"inconsistent ({type(exc).__name__})") from None
        return out

    def shape(self, payoffs, path: str, actions) -> tuple[int, ...]:
        if not isinstance(payoffs, list) or not payoffs:
            raise self.fail(f"{path} must be a non-empty list with one payoff array per "
                            f"player, not {_show(payoffs)}")
        n = len(payoffs)
        if n > settings.max_players:
            raise self.limit(f"{path} has {n} players", "max_players")
        if actions is not None:
            shape = tuple(len(a) for a in actions)
        else:  # read the declared sizes off the first array
            dims = []
            node = payoffs[0]
            for d in range(n):
                if not isinstance(node, list) or not node:
                    raise self.fail(f"{path}[0]{''.join('[0]' for _ in range(d))} must be a "
                                    f"non-empty list (the game has {n} players, so each "
                                    f"payoff array has {n} dimensions), not {_show(node)}")
                dims.append(len(node))
                node = node[0]
            shape = tuple(dims)
        total = math.prod(shape)
        if total > settings.max_outcomes:
            raise self.limit(f"{path} declares {' x '.join(map(str, shape))} = {total} outcomes",
                             "max_outcomes")
        return shape

    def flatten(self, arr, shape, path: str) -> list:
        """Flatten a nested list of the given shape (row-major), checking every length."""
        out: list = []
        stack = [(arr, 0, path)]
        while stack:
            node, d, p = stack.pop()
            if d == len(shape):
                out.append((node, p))
                continue
            if not isinstance(node, list):
                raise self.fail(f"{p} must be a list of {shape[d]} entries, not {_show(node)}")
            if len(node) != shape[d]:
                raise self.fail(f"{p} has {len(node)} entries, but dimension {d} has "
                                f"{shape[d]} (shape {shape})")
            for k in range(len(node) - 1, -1, -1):
                stack.append((node[k], d + 1, f"{p}[{k}]"))
        return out

    def values(self, arr, shape, path: str, symbols, cache) -> np.ndarray:
        flat = self.flatten(arr, shape, path)
        out = np.empty(len(flat), dtype=object)
        for k, (v, p) in enumerate(flat):
            out[k] = self.value(v, p, symbols, cache)
        return out.reshape(shape)

    def value(self, v, path: str, symbols, cache):
        t = type(v)
        if t is int:
            if v.bit_length() > settings.max_digits * 3.33 + 4:
                raise self.limit(f"{path} is an integer with more than {settings.max_digits} "
                                 "digits", "max_digits")
            return v
        if t is str:
            if v in cache:
                return cache[v]
            try:
                e = parse_expression(v, symbols)
            except FileFormatError as exc:
                raise self.fail(f"{path}: {exc.message}") from None
            except ResourceLimitError as exc:
                raise self.limit(f"{path}: {exc.what}",
                                 exc.setting) from None
            if e.is_Rational:
                e = int(e.p) if e.q == 1 else e
            cache[v] = e
            return e
        if t is bool:
            raise self.fail(f"{path} is the boolean {json.dumps(v)}; payoffs are numbers")
        if t is float:
            raise self.fail(f"{path} is the float {v!r}; symalign reads exact values only: "
                            "write an integer or a string such as \"3/2\"")
        if t is list:
            raise self.fail(f"{path} is a JSON array, but it should be a payoff: the payoff "
                            "arrays have one dimension per player")
        raise self.fail(f"{path} is {_show(v)}; payoffs are integers or strings holding exact "
                        "expressions such as \"3/2\" or \"2*T - 1\"")

    def relations(self, value, symbols) -> list:
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(f"'assumptions' must be a list of strings such as \"T > R\", not "
                            f"{_show(value)}")
        out = []
        for k, r in enumerate(value):
            if not isinstance(r, str):
                raise self.fail(f"assumptions[{k}] is {_show(r)}; write a string such as "
                                "\"T > R\"")
            try:
                rel = parse_relation(r, symbols)
            except FileFormatError as exc:
                raise self.fail(f"assumptions[{k}]: {exc.message}") from None
            except ResourceLimitError as exc:
                raise self.limit(f"assumptions[{k}]: {exc.what}",
                                 exc.setting) from None
            if rel is sympy.false:
                raise self.fail(f"assumptions[{k}] {r!r} is always false")
            if rel is not sympy.true:
                out.append(rel)
        return out


def _show(v) -> str:
    if isinstance(v, (dict, list)):
        return f"a JSON {'object' if isinstance(v, dict) else 'array'}"
    text = json.dumps(v) if isinstance(v, (str, bool, int)) or v is None else repr(v)
    return text if len(text) <= 40 else text[:37] + "..."


def _keys(c: _Checker, d, allowed, required) -> None:
    if not isinstance(d, dict):
        raise c.fail(f"the top level must be a JSON object with the keys "
                     f"{', '.join(allowed)}, not {_show(d)}")
    for k in d:
        if k not in allowed:
            raise c.fail(f"unknown key {k[:40]!r}; the known keys are {', '.join(allowed)}")
    for k in required:
        if k not in d:
            raise c.fail(f"the key {k!r} is missing")


def _build(c: _Checker, d: dict, payoff_sets: list[tuple[str, object]]) -> list[Game]:
    symbols = c.parameters(d.get("parameters"))
    players = d.get("players")
    first = payoff_sets[0][1]
    n = len(first) if isinstance(first, list) else None
    if players is not None:
        if isinstance(players, list) and len(players) > settings.max_players:
            raise c.limit(f"'players' lists {len(players)} players", "max_players")
        players = c.names(players, "players", n)
        n = len(players)
    actions = d.get("actions")
    if actions is not None:
        if not isinstance(actions, list):
            raise c.fail(f"'actions' must be a list of lists of names, not {_show(actions)}")
        if n is not None and len(actions) != n:
            raise c.fail(f"'actions' has {len(actions)} lists, but the game has {n} players")
        if len(actions) > settings.max_players:
            raise c.limit(f"'actions' lists {len(actions)} players", "max_players")
        actions = [c.names(a, f"actions[{i}]", None) for i, a in enumerate(actions)]
        for i, a in enumerate(actions):
            if not a:
                raise c.fail(f"actions[{i}] is empty; every player needs at least one action")
        total = math.prod(len(a) for a in actions)
        if total > settings.max_outcomes:
            raise c.limit(f"'actions' declares {' x '.join(str(len(a)) for a in actions)} = "
                          f"{total} outcomes", "max_outcomes")
    title = d.get("title")
    if title is not None and not isinstance(title, str):
        raise c.fail(f"'title' must be a string, not {_show(title)}")
    relations = c.relations(d.get("assumptions"), symbols)
    shapes = [c.shape(p, path, actions) for path, p in payoff_sets]
    if len(set(shapes)) > 1 or any(len(p) != len(payoff_sets[0][1]) for _, p in payoff_sets):
        raise c.fail(f"{payoff_sets[0][0]} and {payoff_sets[1][0]} have different shapes "
                     f"{shapes[0]} and {shapes[1]}")
    shape = shapes[0]
    games = []
    cache: dict = {}
    for path, p in payoff_sets:
        if len(p) != len(shape):
            raise c.fail(f"{path} has {len(p)} payoff arrays (players), but each array has "
                         f"{len(shape)} dimensions; a game with n players has n arrays of n "
                         "dimensions")
        arrays = [c.values(a, shape, f"{path}[{i}]", symbols, cache) for i, a in enumerate(p)]
        try:
            games.append(Game(arrays, players=players, actions=actions, assumptions=relations))
        except (InvalidGameError, FileFormatError) as exc:
            raise c.fail(f"{path}: {exc}") from None
    return games


def game_from_dict(d: dict, *, file: str | None = None) -> Game:
    """Build a game from the parsed JSON object of a symalign game file (see the module).

    Examples
    ========

    >>> from symalign.io.jsonfile import game_from_dict
    >>> g = game_from_dict({"players": ["Row", "Col"],
    ...                     "payoffs": [[[3, 0], [5, 1]], [[3, 5], [0, 1]]]})
    >>> g.actions, g.payoff("Row", (1, 0))
    ((('0', '1'), ('0', '1')), 5)
    >>> game_from_dict({"payoffs": [[1.5]]})
    Traceback (most recent call last):
    ...
    symalign.FileFormatError: payoffs[0][0] is the float 1.5; ...

    Parameters
    ==========

    d : dict
        With the key ``payoffs`` and optionally ``players``, ``actions``, ``parameters``,
        ``assumptions``, ``title``.
    file : str, optional
        The file name, for error messages.

    Returns
    =======

    Game

    Raises
    ======

    FileFormatError, ResourceLimitError

    """
    c = _Checker(file)
    _keys(c, d, _GAME_KEYS, ("payoffs",))
    if isinstance(d["payoffs"], dict):
        raise c.fail("'payoffs' is an object: this looks like a delegation-game file with "
                     "agents and principals; read it with delegation_from_json")
    return _build(c, d, [("payoffs", d["payoffs"])])[0]


def game_from_json(text: str, *, file: str | None = None) -> Game:
    """Read a game from the text of a symalign JSON game file (see the module for the format).

    Examples
    ========

    >>> from symalign.io.jsonfile import game_from_json
    >>> g = game_from_json('''{"players": ["Row", "Col"],
    ...   "actions": [["C", "D"], ["C", "D"]],
    ...   "parameters": {"T": {"positive": true}},
    ...   "assumptions": ["T > 2"],
    ...   "payoffs": [[[2, 0], ["T", 1]], [[2, "T"], [0, 1]]]}''')
    >>> g.payoff(0, ("D", "C")), g.assumptions
    (T, (T > 2,))
    >>> game_from_json('{"payoffs": [[1], [2]], "payoffs": []}', file="g.json")
    Traceback (most recent call last):
    ...
    symalign.FileFormatError: g.json:1:25: duplicate key 'payoffs'

    Parameters
    ==========

    text : str
        The JSON text.
    file : str, optional
        The file name, for error messages.

    Returns
    =======

    Game

    Raises
    ======

    FileFormatError
        Malformed JSON (with line and column), duplicate, unknown or missing keys, floats,
        NaN, booleans, wrong shapes, undeclared symbols.
    ResourceLimitError
        Deep nesting, long integers, too many players or outcomes.

    """
    return game_from_dict(_loads(text, file), file=file)


def delegation_from_dict(d: dict, *, file: str | None = None):
    """Build the `DelegationGame` of a delegation-game JSON object (agents and principals).

    Examples
    ========

    >>> from symalign.io.jsonfile import delegation_from_dict
    >>> dg = delegation_from_dict(
    ...     {"payoffs": {"agents": [[[1, 0]], [[0, 1]]], "principals": [[[1, 1]], [[0, 0]]]}})
    >>> dg.agents.shape, dg.principals.payoff(0, (0, 1))
    ((1, 2), 1)

    """
    c = _Checker(file)
    _keys(c, d, _GAME_KEYS, ("payoffs",))
    p = d["payoffs"]
    if not isinstance(p, dict):
        raise c.fail("'payoffs' of a delegation-game file must be an object "
                     f"{{\"agents\": [...], \"principals\": [...]}}, not {_show(p)}")
    for k in p:
        if k not in ("agents", "principals"):
            raise c.fail(f"payoffs: unknown key {k[:40]!r}; the known keys are agents, "
                         "principals")
    for k in ("agents", "principals"):
        if k not in p:
            raise c.fail(f"payoffs: the key {k!r} is missing")
    agents, principals = _build(c, d, [("payoffs.agents", p["agents"]),
                                       ("payoffs.principals", p["principals"])])
    from symalign.delegation.model import DelegationGame
    return DelegationGame(agents, principals)


def delegation_from_json(text: str, *, file: str | None = None) -> tuple[Game, Game]:
    """Read a delegation game: the agents' and the principals' games over the same profiles.

    The file is a game file whose ``payoffs`` is ``{"agents": [...], "principals": [...]}``;
    players, actions, parameters and assumptions are shared by both games.

    Examples
    ========

    >>> from symalign.io.jsonfile import delegation_from_json
    >>> dg = delegation_from_json('''{"players": ["A", "B"],
    ...   "payoffs": {"agents": [[[2, 0], [0, 1]], [[2, 0], [0, 1]]],
    ...               "principals": [[[1, 0], [0, 2]], [[1, 0], [0, 2]]]}}''')
    >>> dg.agents.payoff("A", (0, 0)), dg.principals.payoff("A", (1, 1))
    (2, 2)

    Parameters
    ==========

    text : str
        The JSON text.
    file : str, optional
        The file name, for error messages.

    Returns
    =======

    DelegationGame
        The agents' and the principals' games (unweighted, sum welfare).

    """
    return delegation_from_dict(_loads(text, file), file=file)
