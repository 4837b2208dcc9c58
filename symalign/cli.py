"""The ``symalign`` command line: analyse games, list the catalogue, and (later) delegation, experiments, proofs."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Sequence

from ._experiments_cli import register_delegation, register_experiment
from .errors import SymalignError
from .prove import register as register_prove

__all__ = ["main", "atomic_write", "parse_profile"]

DEFAULT_GAME = "prisoners-dilemma"
FORMATS = ("text", "json", "latex", "markdown")


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, status 2, no usage dump
        raise _UsageError(message)


def atomic_write(path: str, text: str) -> None:
    """Write ``text`` to ``path`` atomically: a temporary file in the same folder, then a rename.

    An interrupted or failed write leaves the old file (or none), never half a file.

    Examples
    ========

    >>> import os, tempfile
    >>> from symalign.cli import atomic_write
    >>> d = tempfile.mkdtemp()
    >>> atomic_write(os.path.join(d, "out.txt"), "alpha = -2\\n")
    >>> open(os.path.join(d, "out.txt")).read()
    'alpha = -2\\n'

    """
    folder = os.path.dirname(os.path.abspath(path)) or "."
    fd, tmp = tempfile.mkstemp(prefix=".symalign-", dir=folder)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # the permissions a plain open() would give
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def parse_profile(game, text: str):
    """Parse a ``--profile`` argument: ``C,D`` (pure) or ``1/2,1/2;1,0`` (one distribution per player).

    With ``;`` each player's part is either one action (name or index) or a comma-separated
    distribution; without ``;`` the text is one action per player.

    Examples
    ========

    >>> import symalign as sa
    >>> from symalign.cli import parse_profile
    >>> pd = sa.games.prisoners_dilemma()
    >>> parse_profile(pd, "C,D")
    (0, 1)
    >>> parse_profile(pd, "1/2,1/2;D")
    MixedProfile(((1/2, 1/2), (0, 1)))

    """
    from .profiles import MixedProfile
    if ";" not in text:
        return game.pure_profile([_action_token(t) for t in text.split(",")])
    parts = text.split(";")
    if len(parts) != game.n_players:
        from .errors import InvalidProfileError
        raise InvalidProfileError(f"Argument '--profile' has {len(parts)} players' parts, but "
                                  f"the game has {game.n_players} players: {text!r}.")
    dists = []
    for i, part in enumerate(parts):
        toks = [t.strip() for t in part.split(",")]
        if len(toks) == 1:
            a = game.action_index(i, _action_token(toks[0]))
            dists.append([1 if j == a else 0 for j in range(game.shape[i])])
        else:
            dists.append(toks)
    return MixedProfile(dists)


def _action_token(tok: str):
    tok = tok.strip()
    return int(tok) if tok.isdigit() else tok


def _build_parser() -> _Parser:
    p = _Parser(prog="symalign", description="Exact and symbolic alignment metrics for games.")
    sub = p.add_subparsers(dest="command", parser_class=_Parser)
    a = sub.add_parser("analyze", help="analyse a game (catalogue name, .nfg or .json file, or -)")
    a.add_argument("game", nargs="?", default=DEFAULT_GAME,
                   help=f"catalogue name, file, or - for standard input (default {DEFAULT_GAME})")
    a.add_argument("--format", choices=FORMATS, default="text")
    a.add_argument("--profile", help="evaluate local metrics here: 'C,D' or '1/2,1/2;1,0'")
    a.add_argument("--standalone", action="store_true",
                   help="with --format latex, write a complete document")
    a.add_argument("--output", "-o", help="write to this file (atomically) instead of stdout")
    a.set_defaults(func=_cmd_analyze)
    sub.add_parser("games", help="list the catalogue games").set_defaults(func=_cmd_games)
    for register in _COMMANDS:
        register(sub)
    return p


def _register_equilibria(sub) -> None:
    e = sub.add_parser("equilibria", help="all Nash equilibria of a game, exactly (spec §11)")
    e.add_argument("game", nargs="?", default=DEFAULT_GAME)
    e.add_argument("--pure", action="store_true", help="pure equilibria only (any game)")
    e.add_argument("--output", "-o")
    e.set_defaults(func=_cmd_equilibria)


def _cmd_equilibria(args) -> int:
    from .equilibria import nash_equilibria
    from .gamefile import load_game
    game, title = load_game(args.game)
    ne = nash_equilibria(game, kind="pure" if args.pure else "mixed")
    lines = [f"{title}: {len(ne)} {'pure' if args.pure else 'extreme'} Nash equilibria"
             f"{'' if ne.complete else ' (not proved complete)'}"]
    for sigma, pay in zip(ne.profiles, ne.payoffs):
        strat = "; ".join(", ".join(str(v) for v in s) for s in sigma.strategies)
        lines.append(f"  {strat}  payoffs {', '.join(str(v) for v in pay)}")
    _emit("\n".join(lines), args.output)
    return 0


#: Extra subcommands: each is ``register(subparsers)`` setting ``func`` via set_defaults.
_COMMANDS = [register_prove, register_experiment, register_delegation, _register_equilibria]


def _emit(text: str, output: str | None) -> None:
    if output:
        atomic_write(output, text if text.endswith("\n") else text + "\n")
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _cmd_analyze(args) -> int:
    from .gamefile import load_game
    from .report import analyze, render
    game, title = load_game(args.game)
    profile = parse_profile(game, args.profile) if args.profile else None
    report = analyze(game, profile=profile, title=title)
    _emit(render(report, args.format, standalone=args.standalone), args.output)
    return 0


def _cmd_games(args) -> int:
    from .games import CATALOGUE
    width = max(len(k) for k in CATALOGUE)
    _emit("\n".join(f"{k.ljust(width)}  {desc}" for k, (_, desc) in CATALOGUE.items()), None)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 success, 2 user error).

    Examples
    ========

    >>> from symalign.cli import main
    >>> main(["analyze", "matching-pennies", "--format", "json"]) == 0  # doctest: +ELLIPSIS
    {...
    True

    """
    parser = _build_parser()
    try:
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help()
            return 2
        return args.func(args)
    except _UsageError as exc:
        print(f"symalign: error: {exc}", file=sys.stderr)
        return 2
    except (SymalignError, OSError, UnicodeError) as exc:
        msg = " ".join(str(exc).split())
        print(f"symalign: error: {msg}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("symalign: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
