"""Loading and saving games by name or file: catalogue names, Gambit ``.nfg`` and symalign JSON."""

from __future__ import annotations

import os
import re

from symalign.core.errors import FileFormatError, InvalidGameError
from symalign.core.game import Game

from symalign.io.files import _check_path, read_text

__all__ = ["load_game", "read_game", "write_game"]


def _kind(text: str, name: str) -> str:
    head = text.lstrip()
    if head.startswith("{"):
        return "json"
    if head.startswith("NFG"):
        return "nfg"
    if not head:
        raise FileFormatError("the input is empty; expected a symalign JSON game or a Gambit "
                              ".nfg file", file=name)
    raise FileFormatError("cannot tell the format: a symalign JSON game starts with '{' and a "
                          "Gambit .nfg file with 'NFG'", file=name, line=1, column=1)


def _parse(text: str, name: str, kind: str | None) -> Game:
    if kind is None:
        kind = _kind(text, name)
    if kind == "json":
        from symalign.io.jsonfile import game_from_json
        return game_from_json(text, file=name)
    from symalign.io.nfg import parse_nfg
    return parse_nfg(text, file=name)


def read_game(path: str) -> Game:
    """Read a game from a ``.nfg`` or ``.json`` file (by extension; ``-`` sniffs standard input).

    Files with another extension, and standard input, are recognised by their first
    character: ``{`` for symalign JSON (`symalign.io.jsonfile`), ``NFG`` for Gambit
    (`symalign.io.nfg`).

    Examples
    ========

    >>> import os, tempfile, symalign as sa
    >>> p = os.path.join(tempfile.mkdtemp(), "pd.nfg")
    >>> sa.write_game(sa.games.prisoners_dilemma(), p)
    >>> sa.read_game(p) == sa.games.prisoners_dilemma()
    True

    """
    text = read_text(path)   # checks the path first
    kind = {".json": "json", ".nfg": "nfg"}.get(os.path.splitext(path)[1].lower())
    return _parse(text, "<stdin>" if path == "-" else path, kind)


def write_game(game: Game, path: str) -> None:
    """Write a game atomically as ``.nfg`` or ``.json`` (chosen by the extension).

    Examples
    ========

    >>> import os, tempfile, symalign as sa
    >>> p = os.path.join(tempfile.mkdtemp(), "mp.json")
    >>> sa.write_game(sa.games.matching_pennies(), p)
    >>> sa.read_game(p) == sa.games.matching_pennies()
    True
    >>> sa.write_game(sa.games.matching_pennies(), 5)
    Traceback (most recent call last):
    ...
    symalign.InvalidGameError: Argument 'path' is 5; it must be a str, not int.

    """
    from symalign.io.files import atomic_write
    _check_path(path)
    ext = os.path.splitext(path)[1].lower()
    if ext == ".json":
        from symalign.io.jsonwrite import game_to_json
        text = game_to_json(game)
    elif ext == ".nfg":
        from symalign.io.nfg import format_nfg
        text = format_nfg(game)
    else:
        raise InvalidGameError(f"Argument 'path' is {path!r}; use a .nfg or .json extension.")
    atomic_write(path, text)


_NFG_TITLE = re.compile(r'\s*NFG\s+1\s+[RD]\s+"((?:[^"\\]|\\.)*)"')


def _file_title(text: str, kind: str) -> str:
    """The title a game file declares (Gambit's quoted title, JSON's ``title``), or ``""``."""
    if kind == "nfg":
        m = _NFG_TITLE.match(text)
        return re.sub(r'\\(["\\])', r"\1", m.group(1)).strip() if m else ""
    import json
    try:
        title = json.loads(text).get("title")
    except (ValueError, AttributeError, RecursionError):
        return ""
    return title.strip() if isinstance(title, str) else ""


def load_game(spec: str) -> tuple[Game, str]:
    """Resolve a command-line game: a catalogue name, a file path, or ``-`` (standard input).

    Returns the game and a title for reports: the title the file declares (Gambit's quoted
    title or the JSON ``title``), else the file name; for catalogue games, the catalogue's
    description.

    Examples
    ========

    >>> from symalign.io.gamefile import load_game
    >>> game, title = load_game("stag-hunt")
    >>> title, game.shape
    ('hunter-gatherer stag hunt 2/1/1/10 (common payoff)', (2, 2))

    """
    from symalign.normalform.games import CATALOGUE, by_name
    if spec in CATALOGUE:
        return by_name(spec), CATALOGUE[spec][1]
    if spec == "-" or os.path.exists(spec):
        if os.path.isdir(spec):
            raise InvalidGameError(f"Argument 'game' is the folder {spec!r}, not a game file.")
        text = read_text(spec)
        kind = {".json": "json", ".nfg": "nfg"}.get(os.path.splitext(spec)[1].lower())
        name = "<stdin>" if spec == "-" else spec
        game = _parse(text, name, kind)
        return game, _file_title(text, kind or _kind(text, name)) or os.path.basename(name)
    known = ", ".join(CATALOGUE)
    raise InvalidGameError(f"Argument 'game' is {spec!r}, which is neither a catalogue game "
                           f"({known}) nor an existing file.")
