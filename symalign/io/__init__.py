"""Reading and writing: Gambit `.nfg` files, symalign JSON, atomic writes, and the analysis
report behind `symalign analyze` (text, JSON, Markdown, LaTeX).
"""

from __future__ import annotations

from symalign.io.gamefile import (
    load_game,
    read_game,
    write_game,
)
from symalign.io.jsonfile import delegation_from_json, game_from_dict, game_from_json
from symalign.io.jsonwrite import delegation_to_json, game_to_dict, game_to_json
from symalign.io.nfg import (
    format_nfg,
    parse_nfg,
    read_nfg,
    write_nfg,
)
from symalign.io.rendering import report_schema
from symalign.io.report import (
    Report,
    analyze,
    render,
)

__all__ = [
    "load_game",
    "read_game",
    "write_game",
    "delegation_from_json",
    "delegation_to_json",
    "game_from_dict",
    "game_from_json",
    "game_to_dict",
    "game_to_json",
    "format_nfg",
    "parse_nfg",
    "read_nfg",
    "write_nfg",
    "Report",
    "analyze",
    "render",
    "report_schema",
]
