"""Helpers shared by the subcommands: parsing ``--profile`` and writing the output."""

from __future__ import annotations

import sys

from symalign.io.files import atomic_write

__all__ = ["parse_profile", "emit"]


def parse_profile(game, text: str):
    """Parse a ``--profile`` argument: ``C,D`` (pure) or ``1/2,1/2;1,0`` (one distribution per player).

    With ``;`` each player's part is either one action (name or index) or a comma-separated
    distribution; without ``;`` the text is one action per player.

    Examples
    ========

    >>> import symalign as sa
    >>> from symalign.cli.common import parse_profile
    >>> pd = sa.games.prisoners_dilemma()
    >>> parse_profile(pd, "C,D")
    (0, 1)
    >>> parse_profile(pd, "1/2,1/2;D")
    MixedProfile(((1/2, 1/2), (0, 1)))

    """
    from symalign.core.profiles import MixedProfile
    if ";" not in text:
        return game.pure_profile([_action_token(t) for t in text.split(",")])
    parts = text.split(";")
    if len(parts) != game.n_players:
        from symalign.core.errors import InvalidProfileError
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


def emit(text: str, output: str | None) -> None:
    """Write ``text`` to the file ``output`` (atomically) or, without one, to standard output."""
    if output:
        atomic_write(output, text if text.endswith("\n") else text + "\n")
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
