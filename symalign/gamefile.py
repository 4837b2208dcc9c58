"""Loading and saving games by name or file: catalogue names, Gambit ``.nfg`` and symalign JSON."""

from __future__ import annotations

import os
import sys

from .config import settings
from .errors import FileFormatError, InvalidGameError, ResourceLimitError
from .game import Game

__all__ = ["load_game", "read_game", "write_game", "read_text"]


def _check_path(path) -> None:
    if not isinstance(path, str):
        raise InvalidGameError(f"Argument 'path' is {path!r}; it must be a str, not "
                               f"{type(path).__name__}.")
    if "\0" in path:
        raise InvalidGameError(f"Argument 'path' is {path!r}, which contains a NUL character.")


def read_text(path: str) -> str:
    """Read a UTF-8 game file (``-`` for standard input), refusing oversized or non-UTF-8 data.

    At most ``symalign.settings.max_file_bytes`` bytes are read; a leading byte-order mark is
    dropped.

    Examples
    ========

    >>> import os, tempfile
    >>> from symalign.gamefile import read_text
    >>> p = os.path.join(tempfile.mkdtemp(), "g.txt")
    >>> _ = open(p, "wb").write(b"\\xff\\xfe")
    >>> read_text(p)
    Traceback (most recent call last):
    ...
    symalign.errors.FileFormatError: ...g.txt: the file is not valid UTF-8 (byte 0 is 0xff)

    """
    limit = settings.max_file_bytes
    _check_path(path)
    if path == "-":
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:
            raise FileFormatError("there is no standard input to read the game from",
                                  file="<stdin>")
        data = stream.read(limit + 1)
        name = "<stdin>"
    else:
        if os.path.isdir(path):
            raise InvalidGameError(f"Argument 'path' is the folder {path!r}, not a game file.")
        if not os.path.exists(path):
            raise InvalidGameError(f"Argument 'path' is {path!r}, which does not exist.")
        size = os.path.getsize(path)
        if size > limit:
            raise ResourceLimitError(f"the file {path} has {size} bytes", "max_file_bytes", limit)
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
        name = path
    if len(data) > limit:
        raise ResourceLimitError(f"the input {name} is larger than {limit} bytes",
                                 "max_file_bytes", limit)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FileFormatError(f"the file is not valid UTF-8 (byte {exc.start} is "
                              f"0x{data[exc.start]:02x})", file=name) from None
    return text[1:] if text.startswith("\ufeff") else text  # a UTF-8 byte-order mark


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
        from .jsonfile import game_from_json
        return game_from_json(text, file=name)
    from .nfg import parse_nfg
    return parse_nfg(text, file=name)


def read_game(path: str) -> Game:
    """Read a game from a ``.nfg`` or ``.json`` file (by extension; ``-`` sniffs standard input).

    Files with another extension, and standard input, are recognised by their first
    character: ``{`` for symalign JSON (`symalign.jsonfile`), ``NFG`` for Gambit
    (`symalign.nfg`).

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
    symalign.errors.InvalidGameError: Argument 'path' is 5; it must be a str, not int.

    """
    from .cli import atomic_write
    _check_path(path)
    ext = os.path.splitext(path)[1].lower()
    if ext == ".json":
        from .jsonfile import game_to_json
        text = game_to_json(game)
    elif ext == ".nfg":
        from .nfg import format_nfg
        text = format_nfg(game)
    else:
        raise InvalidGameError(f"Argument 'path' is {path!r}; use a .nfg or .json extension.")
    atomic_write(path, text)


def load_game(spec: str) -> tuple[Game, str]:
    """Resolve a command-line game: a catalogue name, a file path, or ``-`` (standard input).

    Returns the game and a title for reports.

    Examples
    ========

    >>> from symalign.gamefile import load_game
    >>> game, title = load_game("stag-hunt")
    >>> title, game.shape
    ('stag-hunt', (2, 2))

    """
    from .games import CATALOGUE, by_name
    if spec in CATALOGUE:
        return by_name(spec), spec
    if spec == "-" or os.path.exists(spec):
        if os.path.isdir(spec):
            raise InvalidGameError(f"Argument 'game' is the folder {spec!r}, not a game file.")
        return read_game(spec), os.path.basename(spec) if spec != "-" else "<stdin>"
    known = ", ".join(CATALOGUE)
    raise InvalidGameError(f"Argument 'game' is {spec!r}, which is neither a catalogue game "
                           f"({known}) nor an existing file.")
