"""Gambit strategic-form (``.nfg``) files: an exact reader for both versions and a writer.

The format is documented in Gambit's manual ("Game representation formats": the strategic
game file format, payoff version and outcome version). A file is a prologue

    NFG 1 R "title" { "Player 1" "Player 2" } { 3 2 } "optional comment"

in which the strategy block is either a list of strategy counts (``{ 3 2 }``) or a nested
list of strategy labels (``{ { "T" "M" "B" } { "L" "R" } }``), followed by a body that is
either a flat payoff list (payoff version) or an outcome list ``{ { "name" 1, 2 } ... }``
followed by one outcome index per profile (outcome version; index 0 is the null outcome,
paying 0 to everybody). In both bodies profiles are listed with the **first** player's
strategy varying fastest, whereas symalign indexes payoffs ``U[i][a_0]...[a_{n-1}]`` in
row-major order (the last player fastest); the reader and writer convert.

Numbers are read exactly, as Gambit does: integers, fractions ``3/4`` and decimals ``1.5`` or
``2.5e-1`` (Gambit's manual: "numbers are understood by Gambit to be exact ... the numerical
entries 0.1 and 1/10 represent the same quantity"), so ``0.1`` is ``1/10``, never a float.

A file with strategy counts instead of labels (``{ 3 2 }``) names each player's strategies
"1", "2", ..., as Gambit does, so a profile means the same in Gambit and in symalign
(symalign's own default names, for games built without labels, count from "0").

Labels are double-quoted; inside them ``\\"`` is a quote, ``\\\\`` a backslash, and a
backslash before any other character is kept as is (as Gambit reads it). Empty or repeated
player or strategy labels are made unique the way Gambit's reader does (``NormalizeLabels``
in Gambit's ``src/games/file.cc``): each gets the suffix ``_1``, ``_2``, ...

Declared sizes are checked against ``symalign.settings`` (``max_players``, ``max_outcomes``,
``max_digits``, ``max_exponent``) before anything is allocated, and every problem is reported
as a `FileFormatError` with the file, line and column, or a `ResourceLimitError`.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction

from symalign.core.lazy import np

from symalign.core.config import settings
from symalign.core.errors import FileFormatError, InvalidGameError, ResourceLimitError
from symalign.core.errors import line_column as _where
from symalign.core.game import Game

__all__ = ["parse_nfg", "format_nfg", "read_nfg", "write_nfg"]

_TOKEN = re.compile(
    r"""(?P<ws>\s+)
      | (?P<lbrace>\{)
      | (?P<rbrace>\})
      | (?P<comma>,)
      | (?P<text>"(?:[^"\\]|\\.)*")
      | (?P<number>[+-]?(?:[0-9]+/[0-9]+|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?))
        (?=[\s{},"]|\Z)
      | (?P<symbol>[^\s{},"]+)
    """,
    re.VERBOSE | re.ASCII | re.DOTALL,
)
_UNESCAPE = re.compile(r'\\(["\\])')
_DECIMAL = re.compile(r"([+-]?)([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?\Z", re.ASCII)


class _Reader:
    """A token stream over the text with one token of look-ahead; positions for errors."""

    def __init__(self, text: str, file: str | None):
        self.text = text
        self.file = file
        self.pos = 0
        self.tok = self._next()

    def _next(self):
        text, n = self.text, len(self.text)
        while True:
            if self.pos >= n:
                return ("eof", "", n)
            m = _TOKEN.match(text, self.pos)
            if m is None:  # an unterminated string: nothing else can fail to match
                raise self.fail("a quoted label is never closed (missing '\"')", self.pos)
            self.pos = m.end()
            kind = m.lastgroup
            if kind != "ws":
                return (kind, m.group(), m.start())

    def advance(self):
        tok = self.tok
        self.tok = self._next()
        return tok

    def fail(self, message: str, pos: int) -> FileFormatError:
        line, column = _where(self.text, pos)
        return FileFormatError(message, file=self.file, line=line, column=column)

    def describe(self, tok) -> str:
        kind, value, _ = tok
        if kind == "eof":
            return "the end of the file"
        if len(value) > 40:
            value = value[:37] + "..."
        return repr(value)

    def expect(self, kind: str, what: str):
        tok = self.advance()
        if tok[0] != kind:
            raise self.fail(f"expected {what} but found {self.describe(tok)}", tok[2])
        return tok

    def label(self, tok, what: str, strict: bool) -> str:
        value = _UNESCAPE.sub(r"\1", tok[1][1:-1])
        if strict:
            for c in value:
                if ord(c) < 32 or 0xD800 <= ord(c) <= 0xDFFF:
                    raise self.fail(f"the {what} {value[:40]!r} contains the control character "
                                    f"{c!r}; labels must be printable", tok[2])
        return value

    def count(self, tok, what: str) -> int:
        """A positive integer literal (a strategy count)."""
        value = tok[1]
        if tok[0] != "number" or not value.isdigit():
            raise self.fail(f"expected {what} (a positive integer) but found "
                            f"{self.describe(tok)}", tok[2])
        if len(value) > settings.max_digits:
            raise ResourceLimitError(f"the {what} at {self._at(tok)} has {len(value)} digits",
                                     "max_digits", settings.max_digits)
        k = int(value)
        if k < 1:
            raise self.fail(f"the {what} is {k}; every player needs at least one strategy",
                            tok[2])
        return k

    def _at(self, tok) -> str:
        line, column = _where(self.text, tok[2])
        return f"{self.file + ':' if self.file else ''}line {line} column {column}"

    def _int(self, digits: str, tok) -> int:
        if len(digits.lstrip("+-")) > settings.max_digits:
            raise ResourceLimitError(f"the number at {self._at(tok)} has "
                                     f"{len(digits.lstrip('+-'))} digits", "max_digits",
                                     settings.max_digits)
        try:
            return int(digits)
        except ValueError:  # Python's own limit on int() of long strings
            raise ResourceLimitError(f"the number at {self._at(tok)} is too long for Python's "
                                     "int(); see sys.set_int_max_str_digits", "max_digits",
                                     settings.max_digits) from None

    def number(self, tok, what: str):
        """An exact payoff: an int or a `fractions.Fraction`."""
        if tok[0] != "number":
            raise self.fail(f"expected {what} but found {self.describe(tok)}", tok[2])
        value = tok[1]
        if "/" in value:
            p, q = value.split("/")
            p, q = self._int(p, tok), self._int(q, tok)
            if q == 0:
                raise self.fail(f"the fraction {value} divides by zero", tok[2])
            return _normal(Fraction(p, q))
        sign, whole, frac, exp = _DECIMAL.match(value).groups()
        if frac is None and exp is None:
            return self._int(value, tok)
        frac = frac or ""
        if exp and len(exp.lstrip("+-")) > 20:
            e = settings.max_exponent + 1
        else:
            e = int(exp) if exp else 0
        if abs(e) > settings.max_exponent:
            raise ResourceLimitError(f"the exponent of {value[:40]} at {self._at(tok)} is "
                                     f"{exp}", "max_exponent", settings.max_exponent)
        scale = len(frac) - e  # value = mantissa / 10**scale
        digits = (whole + frac).lstrip("0")
        if len(digits) + max(-scale, 0) > settings.max_digits or scale > settings.max_digits:
            raise ResourceLimitError(f"the number {value[:40]} at {self._at(tok)} has too many "
                                     "digits", "max_digits", settings.max_digits)
        mantissa = self._int(digits or "0", tok)
        if sign == "-":
            mantissa = -mantissa
        if scale <= 0:
            return mantissa * 10 ** (-scale)
        return _normal(Fraction(mantissa, 10 ** scale))


def _normal(x: Fraction):
    return x.numerator if x.denominator == 1 else x


def _unique(labels: list[str]) -> list[str]:
    """Gambit's label normalisation: empty or repeated labels get ``_1``, ``_2``, ... suffixes."""
    counts: dict[str, int] = {}
    for s in labels:
        counts[s] = counts.get(s, 0) + 1
    used = set(labels)
    visited: dict[str, int] = {}
    out = []
    for s in labels:
        if counts[s] == 1 and s != "":
            out.append(s)
            continue
        while True:
            visited[s] = visited.get(s, 0) + 1
            candidate = f"{s}_{visited[s]}"
            if candidate not in used:
                break
        used.add(candidate)
        out.append(candidate)
    return out


def _check_outcomes(dims: list[int], r: _Reader, tok) -> None:
    total = math.prod(dims)
    if total > settings.max_outcomes:
        raise ResourceLimitError(
            f"the game at {r._at(tok)} declares {' x '.join(map(str, dims))} strategies, "
            f"{total} outcomes", "max_outcomes", settings.max_outcomes)


def parse_nfg(text: str, *, file: str | None = None) -> Game:
    """Read a game from the text of a Gambit ``.nfg`` file (payoff or outcome version).

    Payoffs are exact: ``1.5`` in a file is ``3/2`` (Gambit reads decimals exactly too).
    Gambit lists profiles with the first player's strategy varying fastest; the returned
    game is indexed ``U[i][a_0]...[a_{n-1}]`` as everywhere in symalign.

    Examples
    ========

    The sample file of Gambit's manual (``e02.nfg``, "Selten (IJGT, 75), Figure 2"): player 1
    has 3 strategies and player 2 has 2; the payoff pairs are listed for the profiles
    (1,1), (2,1), (3,1), (1,2), (2,2), (3,2).

    >>> from symalign.io.nfg import parse_nfg
    >>> g = parse_nfg('''NFG 1 R "Selten (IJGT, 75), Figure 2, normal form"
    ... { "Player 1" "Player 2" } { 3 2 }
    ... 1 1 0 2 0 2 1 1 0 3 2 0''')
    >>> g.shape, g.players
    ((3, 2), ('Player 1', 'Player 2'))
    >>> [[g.payoff(0, (a, b)) for b in range(2)] for a in range(3)]
    [[1, 1], [0, 0], [0, 2]]
    >>> parse_nfg('NFG 1 R "" { "A" "B" } { 1 1 } 0.25 1/3').payoff(0, (0, 0))
    1/4
    >>> parse_nfg('NFG 1 R "" { "A" } { 1 } x', file="bad.nfg")
    Traceback (most recent call last):
    ...
    symalign.FileFormatError: bad.nfg:1:26: expected a payoff of player 0 but found 'x'

    Parameters
    ==========

    text : str
        The file's content.
    file : str, optional
        The file name, for error messages.

    Returns
    =======

    Game

    Raises
    ======

    FileFormatError
        With file, line and column, for anything that is not a well-formed ``.nfg`` file.
    ResourceLimitError
        For more players, outcomes or digits than ``symalign.settings`` allows.

    References
    ==========

    Gambit manual, "Game representation formats", the strategic game (.nfg) file format,
    payoff and outcome versions; reader ``src/games/file.cc``.

    """
    if not isinstance(text, str):
        raise FileFormatError(f"Argument 'text' must be a str, not {type(text).__name__}.",
                              file=file)
    r = _Reader(text, file)
    tok = r.advance()
    if tok[0] != "symbol" or tok[1] != "NFG":
        raise r.fail(f"expected the file type 'NFG' but found {r.describe(tok)}; this is not "
                     "a Gambit strategic-form file", tok[2])
    tok = r.advance()
    if tok[1] != "1":
        raise r.fail(f"expected the version number 1 but found {r.describe(tok)}", tok[2])
    tok = r.advance()
    if tok[0] != "symbol" or tok[1] not in ("R", "D"):
        raise r.fail(f"expected the data type 'R' (or 'D') but found {r.describe(tok)}", tok[2])
    r.expect("text", "the quoted game title")
    # players
    r.expect("lbrace", "'{' opening the list of player names")
    players: list[str] = []
    start = r.tok
    while r.tok[0] == "text":
        if len(players) >= settings.max_players:
            raise ResourceLimitError(f"the game at {r._at(start)} has more than "
                                     f"{settings.max_players} players", "max_players",
                                     settings.max_players)
        players.append(r.label(r.advance(), "player name", strict=True))
    r.expect("rbrace", "a quoted player name or '}'")
    if not players:
        raise r.fail("the game has no players", start[2])
    n = len(players)
    # strategies: counts or nested label lists
    open_tok = r.expect("lbrace", "'{' opening the strategy counts or labels")
    dims: list[int] = []
    actions: list[list[str]] | None = None
    if r.tok[0] == "lbrace":
        actions = []
        for i in range(n):
            r.expect("lbrace", f"'{{' opening the strategy labels of player {i}")
            labels = []
            first = r.tok
            while r.tok[0] == "text":
                if len(labels) >= settings.max_outcomes:
                    raise ResourceLimitError(f"player {i} at {r._at(first)} has more than "
                                             f"{settings.max_outcomes} strategies",
                                             "max_outcomes", settings.max_outcomes)
                labels.append(r.label(r.advance(), "strategy label", strict=True))
            close = r.expect("rbrace", f"a quoted strategy label of player {i} or '}}'")
            if not labels:
                raise r.fail(f"player {i} has no strategies", close[2])
            actions.append(_unique(labels))
            dims.append(len(labels))
            _check_outcomes(dims, r, open_tok)
    else:
        for i in range(n):
            dims.append(r.count(r.advance(), f"number of strategies of player {i}"))
            _check_outcomes(dims, r, open_tok)
    r.expect("rbrace", f"'}}' closing the strategies of the {n} player(s)")
    if r.tok[0] == "text":  # optional comment
        r.advance()
    shape = tuple(dims)
    total = math.prod(shape)
    # body
    if r.tok[0] == "lbrace":
        columns = _outcome_body(r, n, total, shape)
    else:
        flat: list = []
        for k in range(total * n):
            tok = r.advance()
            if tok[0] == "eof":
                raise r.fail(f"the file ends after {k} payoffs; {total} profiles x {n} players "
                             f"= {total * n} are needed", tok[2])
            flat.append(r.number(tok, f"a payoff of player {k % n}"))
        columns = []
        for i in range(n):
            col = np.empty(total, dtype=object)
            col[:] = flat[i::n]
            columns.append(col)
        del flat
    tok = r.advance()
    if tok[0] != "eof":
        raise r.fail(f"expected the end of the file but found {r.describe(tok)} (too many "
                     "entries?)", tok[2])
    # Gambit order: the first player fastest, i.e. Fortran order over `shape`.
    arrays = [np.ascontiguousarray(col.reshape(shape, order="F")) for col in columns]
    if actions is None:  # Gambit names unlabelled strategies "1", "2", ... (from 1)
        actions = [[str(k + 1) for k in range(d)] for d in dims]
    return Game(arrays, players=_unique(players), actions=actions)


def _outcome_body(r: _Reader, n: int, total: int, shape) -> list:
    r.advance()  # "{"
    outcomes: list[list] = [[0] * n]  # outcome 0: the null outcome
    while r.tok[0] == "lbrace":
        r.advance()
        r.expect("text", "the quoted outcome name")
        payoffs = []
        for i in range(n):
            payoffs.append(r.number(r.advance(), f"the payoff of player {i} in outcome "
                                                 f"{len(outcomes)}"))
            if r.tok[0] == "comma":
                r.advance()
        r.expect("rbrace", f"'}}' closing outcome {len(outcomes)} ({n} payoffs)")
        outcomes.append(payoffs)
    r.expect("rbrace", "'{' opening an outcome or '}' closing the outcome list")
    m = len(outcomes) - 1
    indices: list[int] = []
    for k in range(total):
        tok = r.advance()
        if tok[0] == "eof":
            raise r.fail(f"the file ends after {k} outcome indices; {total} are needed", tok[2])
        value = tok[1]
        if tok[0] != "number" or not value.isdigit() or len(value) > 20 or int(value) > m:
            raise r.fail(f"expected an outcome index between 0 and {m} but found "
                         f"{r.describe(tok)}", tok[2])
        indices.append(int(value))
    idx = np.array(indices, dtype=np.intp)
    columns = []
    for i in range(n):
        values = np.empty(m + 1, dtype=object)
        values[:] = [o[i] for o in outcomes]
        columns.append(values[idx])
    return columns


_ESCAPE = re.compile(r'"|\\(?=["\\]|\Z)')


def _quote(s: str) -> str:
    # a quote becomes \" ; a backslash is doubled only where it would otherwise be read as an
    # escape (before a quote or a backslash, or at the end), so other backslashes stay as
    # Gambit writes and reads them.
    return '"' + _ESCAPE.sub(lambda m: "\\" + m.group(), s) + '"'


def _check_name(name: str, what: str) -> None:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidGameError(f"Argument '{what}' is {name!r}, which cannot be written as "
                               "UTF-8.") from None


def format_nfg(game: Game, title: str = "") -> str:
    """The Gambit ``.nfg`` text (payoff version with strategy labels) of a numeric game.

    The file lists the profiles with the first player's strategy varying fastest, as Gambit
    requires; rationals are written exactly as ``p/q``. `parse_nfg` reads the text back to an
    equal game.

    Examples
    ========

    >>> import symalign as sa
    >>> from symalign.io.nfg import format_nfg, parse_nfg
    >>> g = sa.Game.from_arrays([[3, 0], [5, "1/2"]], [[3, 5], [0, 1]],
    ...                         players=["Row", "Col"], actions=[["C", "D"], ["C", "D"]])
    >>> print(format_nfg(g, title="A dilemma"))
    NFG 1 R "A dilemma" { "Row" "Col" }
    <BLANKLINE>
    { { "C" "D" }
    { "C" "D" }
    }
    ""
    <BLANKLINE>
    3 3
    5 0
    0 5
    1/2 1
    <BLANKLINE>
    >>> parse_nfg(format_nfg(g)) == g
    True
    >>> import sympy
    >>> format_nfg(sa.games.prisoners_dilemma(*sympy.symbols("T R P S")))
    Traceback (most recent call last):
    ...
    symalign.InvalidGameError: Argument 'game' has symbolic payoffs ...

    Parameters
    ==========

    game : Game
        A game whose payoffs are all rational numbers.
    title : str
        The game title written in the file.

    Returns
    =======

    str

    Raises
    ======

    InvalidGameError
        For symbolic or irrational payoffs or assumptions (the format holds numbers only;
        substitute values with ``game.subs`` or write symalign JSON instead).

    """
    if not isinstance(game, Game):
        raise InvalidGameError(f"Argument 'game' must be a Game, not {type(game).__name__}.")
    if not isinstance(title, str):
        raise InvalidGameError(f"Argument 'title' must be a str, not {title!r}.")
    if not game.is_numeric:
        syms = sorted(str(s) for s in game.free_symbols)
        if syms:
            detail = f"symbolic payoffs (parameters {', '.join(syms)})"
        else:
            bad = next(e for e in game.sympy_array().reshape(-1) if not e.is_Rational)
            detail = f"symbolic payoffs (the irrational payoff {bad})"
        raise InvalidGameError(f"Argument 'game' has {detail}; a .nfg file holds rational "
                               "numbers only: substitute values with game.subs(...) or write "
                               "symalign JSON instead.")
    if game.assumptions:
        raise InvalidGameError(f"Argument 'game' carries the assumptions {game.assumptions}, "
                               "which a .nfg file cannot hold; write symalign JSON instead.")
    _check_name(title, "title")
    for p in game.players:
        _check_name(p, "game.players")
    for acts in game.actions:
        for a in acts:
            _check_name(a, "game.actions")
    lines = [f"NFG 1 R {_quote(title)} {{ {' '.join(_quote(p) for p in game.players)} }}", ""]
    lines.append("{ " + "\n".join("{ " + " ".join(_quote(a) for a in acts) + " }"
                                  for acts in game.actions))
    lines.append("}")
    lines.append('""')
    lines.append("")
    columns = []
    for ex in game.exact_arrays():
        den = ex.den
        nums = ex.num.reshape(-1, order="F").tolist()
        if den == 1:
            columns.append([str(int(p)) for p in nums])
        else:
            columns.append([_fraction_text(int(p), den) for p in nums])
    for row in zip(*columns):
        lines.append(" ".join(row))
    return "\n".join(lines) + "\n"


def _fraction_text(p: int, q: int) -> str:
    g = math.gcd(p, q)
    p, q = p // g, q // g
    return str(p) if q == 1 else f"{p}/{q}"


def read_nfg(path: str) -> Game:
    """Read a Gambit ``.nfg`` file (``-`` for standard input); see `parse_nfg`.

    Examples
    ========

    >>> import os, tempfile, symalign as sa
    >>> from symalign.io.nfg import read_nfg, write_nfg
    >>> p = os.path.join(tempfile.mkdtemp(), "mp.nfg")
    >>> write_nfg(sa.games.matching_pennies(), p)
    >>> read_nfg(p) == sa.games.matching_pennies()
    True

    """
    from symalign.io.files import read_text
    return parse_nfg(read_text(path), file="<stdin>" if path == "-" else path)


def write_nfg(game: Game, path: str, title: str = "") -> None:
    """Write a numeric game to a Gambit ``.nfg`` file atomically; see `format_nfg`.

    Examples
    ========

    >>> import os, tempfile, symalign as sa
    >>> from symalign.io.nfg import write_nfg
    >>> p = os.path.join(tempfile.mkdtemp(), "pd.nfg")
    >>> write_nfg(sa.games.prisoners_dilemma(), p, title="PD")
    >>> open(p).readline()
    'NFG 1 R "PD" { "0" "1" }\\n'

    """
    from symalign.io.files import atomic_write
    atomic_write(path, format_nfg(game, title))
