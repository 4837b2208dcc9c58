"""Tests of symalign.io.gamefile: reading and writing games by path, catalogue name or stdin."""

import io
import os
import sys

import pytest
import sympy

import symalign as sa
from symalign.core.errors import FileFormatError, InvalidGameError, ResourceLimitError
from symalign.io.gamefile import load_game, read_game, read_text, write_game

DATA = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data")


def test_read_by_extension_and_by_sniffing(tmp_path):
    """pd.nfg is the prisoner's dilemma T=10, R=9, P=1, S=0 (see test_nfg); the same text
    under a .txt name is recognised by its leading 'NFG'; JSON by its leading '{'."""
    g = read_game(os.path.join(DATA, "pd.nfg"))
    assert g.payoff(0, (1, 0)) == 10
    other = tmp_path / "pd.txt"
    other.write_bytes(open(os.path.join(DATA, "pd.nfg"), "rb").read())
    assert read_game(str(other)) == g
    j = tmp_path / "g.data"
    j.write_text('  {"payoffs": [[1, "1/2"]]}')
    assert read_game(str(j)).payoff(0, (1,)) == sympy.Rational(1, 2)


def test_write_then_read(tmp_path):
    T = sympy.Symbol("T", positive=True)
    sym = sa.Game.from_arrays([[T, 0], [1, 2]], [[0, T], [2, 1]]).assuming(T > 2)
    num = sa.games.prisoners_dilemma()
    for game, name in [(sym, "s.json"), (num, "n.json"), (num, "n.nfg")]:
        path = str(tmp_path / name)
        write_game(game, path)
        assert read_game(path) == game
    with pytest.raises(InvalidGameError, match="symbolic"):
        write_game(sym, str(tmp_path / "s.nfg"))
    with pytest.raises(InvalidGameError, match=".nfg or .json"):
        write_game(num, str(tmp_path / "g.csv"))


def test_read_text_checks(tmp_path):
    bad = tmp_path / "bad.nfg"
    bad.write_bytes(b'NFG 1 R "\xff" { "A" } { 1 } 0')
    with pytest.raises(FileFormatError, match="not valid UTF-8 \\(byte 9 is 0xff\\)"):
        read_text(str(bad))
    bom = tmp_path / "bom.json"
    bom.write_bytes(b'\xef\xbb\xbf{"payoffs": [[1]]}')
    assert read_game(str(bom)).payoff(0, (0,)) == 1
    big = tmp_path / "big.nfg"
    big.write_bytes(b" " * 2000)
    with sa.limits(max_file_bytes=1000), pytest.raises(ResourceLimitError, match="max_file"):
        read_text(str(big))
    with pytest.raises(InvalidGameError, match="folder"):
        read_text(str(tmp_path))
    with pytest.raises(InvalidGameError, match="NUL"):
        read_text("a\0b")


@pytest.mark.parametrize("content, fragment", [
    (b"", "empty"),
    (b"   \n ", "empty"),
    (b"hello", "cannot tell the format"),
    (b"\x00\x01\x02", "cannot tell the format"),
])
def test_unknown_formats(tmp_path, content, fragment):
    p = tmp_path / "g.bin"
    p.write_bytes(content)
    with pytest.raises(FileFormatError, match=fragment):
        read_game(str(p))


def test_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b'{"payoffs": [[7]]}')))
    g, title = load_game("-")
    assert g.payoff(0, (0,)) == 7 and title == "<stdin>"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"NFG 1 R")))
    with pytest.raises(FileFormatError) as info:
        load_game("-")
    assert info.value.file == "<stdin>"
    monkeypatch.setattr(sys, "stdin", None)
    with pytest.raises(FileFormatError, match="no standard input"):
        read_text("-")


def test_load_game_names_and_errors(tmp_path):
    g, title = load_game("stag-hunt")
    assert title == "hunter-gatherer stag hunt 2/1/1/10 (common payoff)" and g.shape == (2, 2)
    p = tmp_path / "mine.nfg"
    p.write_text('NFG 1 R "" { "A" } { 2 } 1 2')
    g, title = load_game(str(p))  # no title in the file: the file name
    assert title == "mine.nfg" and g.payoff(0, (1,)) == 2
    assert g.actions == (("1", "2"),)  # Gambit's names for unlabelled strategies
    p.write_text('NFG 1 R "A \\"quoted\\" title" { "A" } { 2 } 1 2')
    assert load_game(str(p))[1] == 'A "quoted" title'
    q = tmp_path / "mine.json"
    q.write_text('{"title": "Mine", "payoffs": [[1, 2]]}')
    assert load_game(str(q))[1] == "Mine"
    with pytest.raises(InvalidGameError, match="neither a catalogue game"):
        load_game(str(tmp_path / "missing.nfg"))
    with pytest.raises(InvalidGameError, match="folder"):
        load_game(str(tmp_path))
