"""Coverage-guided fuzzing of symalign's readers with atheris (``pip install 'symalign[fuzz]'``).

Run from the repository root::

    python tests/fuzz/fuzz_readers.py -max_total_time=60

Each input picks a target (the Gambit ``.nfg`` reader, the JSON game reader, the JSON
delegation reader, the whitelist expression parser, the relation parser, or format sniffing)
and feeds it the rest of the bytes as UTF-8 text. Any exception other than a
`symalign.core.errors.SymalignError` is a finding: libFuzzer stops, writes the input to a
``crash-*`` file and exits non-zero. Without a corpus folder on the command line the run
starts from seeds (valid files and expressions) copied into a temporary folder, so the
repository is never written to. Default limits: ``-timeout=10`` seconds per input and
``-rss_limit_mb=2048``; give your own to override them.
"""

from __future__ import annotations

import os
import sys
import tempfile

try:
    import atheris
except ImportError:  # pragma: no cover - the harness needs the fuzz extra
    atheris = None

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, ROOT)

if atheris is not None:
    with atheris.instrument_imports(include=["symalign"]):
        import sympy

        from symalign.core.errors import SymalignError
        from symalign.io.gamefile import _parse
        from symalign.io.jsonfile import delegation_from_json, game_from_json
        from symalign.io.nfg import parse_nfg
        from symalign.core.parsing import parse_expression, parse_relation

    SYMBOLS = {name: sympy.Symbol(name, real=True) for name in ("T", "R", "P", "S")}
    TARGETS = [
        lambda text: parse_nfg(text, file="fuzz.nfg"),
        lambda text: game_from_json(text, file="fuzz.json"),
        lambda text: delegation_from_json(text, file="fuzz.json"),
        lambda text: parse_expression(text, SYMBOLS),
        lambda text: parse_relation(text, SYMBOLS),
        lambda text: _parse(text, "fuzz", None),
    ]

SEEDS = [
    b'\x00NFG 1 R "PD" { "Row" "Col" } { 2 2 }\n2 2 3 0 0 3 1 1\n',
    b'\x00NFG 1 R "" { "A" "B" } { { "x" "y" } { "z" } } "c"\n'
    b'{ { "o1" 1/2, -3 } { "o2" 1.25e1 4 } }\n1 2\n',
    b'\x01{"players": ["Row", "Col"], "actions": [["C", "D"], ["C", "D"]],'
    b' "parameters": {"T": {"positive": true}}, "assumptions": ["T > 2"],'
    b' "payoffs": [[[2, 0], ["T", 1]], [[2, "T"], [0, 1]]]}',
    b'\x02{"payoffs": {"agents": [[[1, 0]], [[0, 1]]], "principals": [[["1/2", 0]], [[0, 1]]]}}',
    b"\x032*T - sqrt(8)/3 + max(R, 1)^2",
    b"\x04T + 1 >= 2*R",
    b'\x05  {"payoffs": [[1, "3/4"]]}',
]


def test_one_input(data: bytes) -> None:
    """One fuzz case: the first byte picks the target, the rest is the text."""
    if not data:
        return
    target = TARGETS[data[0] % len(TARGETS)]
    try:
        text = data[1:].decode("utf-8")
    except UnicodeDecodeError:
        return  # read_text refuses non-UTF-8 bytes before any reader sees them
    try:
        target(text)
    except SymalignError:
        pass


def main(argv: list[str]) -> None:
    if atheris is None:
        sys.exit("fuzz_readers.py needs atheris: pip install 'symalign[fuzz]'")
    args = list(argv)
    if not any(a.startswith("-timeout=") for a in args[1:]):
        args.append("-timeout=10")
    if not any(a.startswith("-rss_limit_mb=") for a in args[1:]):
        args.append("-rss_limit_mb=2048")
    if not any(not a.startswith("-") for a in args[1:]):
        seeds = tempfile.mkdtemp(prefix="symalign-fuzz-")
        for k, seed in enumerate(SEEDS):
            with open(os.path.join(seeds, f"seed-{k}"), "wb") as fh:
                fh.write(seed)
        args.append(seeds)
    atheris.Setup(args, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
