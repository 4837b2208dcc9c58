"""Reading and writing: Gambit `.nfg` files, symalign JSON, atomic writes, and the analysis
report behind `symalign analyze` (text, JSON, Markdown, LaTeX).
"""

from __future__ import annotations

from symalign.core.lazy import export_lazily as _export_lazily

#: module -> the public names it defines; each module loads when one of its names is
#: first used (symalign.core.lazy), so that ``import symalign`` stays light
_LAZY = {
    "symalign.io.gamefile": ("load_game", "read_game", "write_game"),
    "symalign.io.jsonfile": ("delegation_from_json", "game_from_dict", "game_from_json"),
    "symalign.io.jsonwrite": ("delegation_to_json", "game_to_dict", "game_to_json"),
    "symalign.io.nfg": ("format_nfg", "parse_nfg", "read_nfg", "write_nfg"),
    "symalign.io.rendering": ("report_schema",),
    "symalign.io.report": ("Report", "analyze", "render"),
}

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

_export_lazily(globals())
