"""The ``symalign`` command line: analyse games, list the catalogue, and (later) delegation, experiments, proofs."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from symalign.cli.experiments import register_delegation, register_experiment
from symalign.cli.common import emit, parse_profile
from symalign.core.errors import SymalignError
from symalign.cli.prove import register as register_prove

__all__ = ["main"]

DEFAULT_GAME = "prisoners-dilemma"
FORMATS = ("text", "json", "latex", "markdown")


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, status 2, no usage dump
        raise _UsageError(message)


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
    from symalign.normalform.equilibria import nash_equilibria
    from symalign.io.gamefile import load_game
    game, title = load_game(args.game)
    ne = nash_equilibria(game, kind="pure" if args.pure else "mixed")
    if not hasattr(ne, "profiles"):  # a symbolic game: each equilibrium with its condition
        lines = [f"{title}: {len(ne)} extreme Nash equilibria, each where its condition holds"
                 f"{'' if ne.complete else ' (generic supports only: not proved complete)'}"]
        for e in ne:
            strat = "; ".join(", ".join(str(v) for v in s) for s in e.profile.strategies)
            lines.append(f"  {strat}  payoffs {', '.join(str(v) for v in e.payoffs)}  "
                         f"if {e.condition}")
        emit("\n".join(lines), args.output)
        return 0
    lines = [f"{title}: {len(ne)} {'pure' if args.pure else 'extreme'} Nash equilibria"
             f"{'' if ne.complete else ' (not proved complete)'}"]
    for sigma, pay in zip(ne.profiles, ne.payoffs):
        strat = "; ".join(", ".join(str(v) for v in s) for s in sigma.strategies)
        lines.append(f"  {strat}  payoffs {', '.join(str(v) for v in pay)}")
    emit("\n".join(lines), args.output)
    return 0


#: Extra subcommands: each is ``register(subparsers)`` setting ``func`` via set_defaults.
_COMMANDS = [register_prove, register_experiment, register_delegation, _register_equilibria]


def _cmd_analyze(args) -> int:
    from symalign.io.gamefile import load_game
    from symalign.io.report import analyze, render
    game, title = load_game(args.game)
    profile = parse_profile(game, args.profile) if args.profile else None
    report = analyze(game, profile=profile, title=title)
    emit(render(report, args.format, standalone=args.standalone), args.output)
    return 0


def _cmd_games(args) -> int:
    from symalign.normalform.games import CATALOGUE
    width = max(len(k) for k in CATALOGUE)
    emit("\n".join(f"{k.ljust(width)}  {desc}" for k, (_, desc) in CATALOGUE.items()), None)
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
