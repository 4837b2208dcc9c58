"""Hostile and malformed game files: the real command line must refuse each one cleanly.

The corpus (`corpus`, generated here, plus the hand-written files in ``tests/data/hostile/``)
holds code injection attempts in payoff strings, dunder names, attribute access, lambdas,
undeclared symbols, absurd numbers, deep nesting, NaN and floats, duplicate, missing and
unknown keys, wrong shapes, non-UTF-8 bytes, truncated files, binary junk and huge declared
sizes. For every file, ``symalign analyze FILE`` run under a 1 GiB address-space limit must
exit with status 2 within 5 seconds and print exactly one line, ``symalign: error: ...``, on
stderr, with no traceback; and no injected command may have run.

The bulk runs in one subprocess that calls `symalign.cli.main` per file (same limits, a 5 s
alarm per file); a handful of files also run as separate ``python -m symalign`` processes,
and through standard input. Hypothesis then fuzzes the readers with mutations of valid files.
"""

import json
import os
import random
import subprocess
import sys
import textwrap

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from symalign.core.errors import SymalignError
from symalign.io.gamefile import _parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HOSTILE_DIR = os.path.join(ROOT, "tests", "data", "hostile")
MARKER = "/tmp/symalign-pwned-marker"
GIB = 1 << 30

VALID_JSON = json.dumps({
    "players": ["Row", "Col"], "actions": [["C", "D"], ["C", "D"]],
    "parameters": {"T": {"positive": True}}, "assumptions": ["T > 2"],
    "payoffs": [[[2, 0], ["T", 1]], [[2, "T"], [0, 1]]]}, indent=1)
VALID_NFG = ('NFG 1 R "PD" { "Row" "Col" }\n\n{ { "C" "D" }\n{ "C" "D" }\n}\n""\n\n'
             "2 2\n3 0\n0 3\n1 1\n")
VALID_OUTCOME_NFG = ('NFG 1 R "PD" { "Row" "Col" } { { "C" "D" } { "C" "D" } }\n'
                     '{ { "" 2, 2 } { "" 3, 0 } { "" 0, 3 } { "" 1, 1 } }\n1 2 3 4\n')

CODE = [
    f"__import__('os').system('touch {MARKER}')",
    f"__import__(\"os\").system(\"touch {MARKER}\")",
    f"exec(\"open('{MARKER}', 'w')\")",
    f"eval(\"__import__('os').system('touch {MARKER}')\")",
    f"open('{MARKER}', 'w').write('x')",
    f"os.system('touch {MARKER}')",
    "compile('1', 'f', 'eval')",
    "().__class__.__bases__[0].__subclasses__()",
    "[].__class__.__mro__[1].__subclasses__()",
    "T.__class__",
    "T.func",
    "T.args[0]",
    "getattr(T, '__class__')",
    "globals()",
    "__builtins__",
    "lambda: 0",
    "lambda x: x",
    "(lambda: 1)()",
    "[x for x in (1, 2)]",
    "{1: 2}",
    "1 if T else 0",
    "import os",
    "1; 2",
    f"$(touch {MARKER})",
    f"`touch {MARKER}`",
    "'1'",
    "b'1'",
    "f'{1}'",
    "1 and 2",
    "not 1",
    "1 < 2",
    "x @ y",
    "Integer(1)",
    "Rational(1, 2)",
    "Symbol('x')",
    "sympify('1')",
    "parse_expr('1')",
    "E",
    "I",
    "pi",
    "oo",
    "nan",
    "zoo",
    "exp(1)",
    "log(2)",
    "Piecewise((1, True))",
    "Float(1.5)",
    "S.Half",
    "x",
    "__dict__",
    "_",
    "1_000",
    "0x10",
    "1j",
    "\\x41",
    "\u0661",  # Arabic-Indic digit one
    "2\u00b2",  # superscript two
    "１",  # full-width digit one
    "\u200b1",  # zero-width space
]

BIG = [
    "10**10**10", "9^9^9", "2^100000", "2**-100000", "(10^999)^2", "10^999 * 10^999",
    "1" + "0" * 1_000_000, "(" * 50_000 + "1" + ")" * 50_000, "(" * 1000 + "1" + ")" * 1000,
    "-" * 5000 + "1", "sqrt(" * 3000 + "2" + ")" * 3000, "1+" * 10_000 + "1",
    "max(" + ",".join(["1"] * 6000) + ")", "(-8)^(1/3)", "sqrt(-1)", "1/0", "0^-1",
    "1/(T-T)", "2^(1/1001)",
    # found by atheris (tests/fuzz/fuzz_readers.py), fixed in symalign.core.parsing
    "max(-2 + (-6)^sqrt(3)/2)",
    "1212^-12^-2^221212^-2^221^-1^-12^-212^-2^2^2212^221^2^221^-1^2",
]


def _json(payoff, **extra):
    d = {"players": ["A", "B"], "payoffs": [[[payoff, 0], [0, 0]], [[0, 0], [0, 0]]]}
    d.update(extra)
    return json.dumps(d).encode()


def _raw(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def corpus() -> list[tuple[str, bytes]]:
    """The generated hostile corpus: (file name, content), deterministic."""
    files: list[tuple[str, bytes]] = []

    seen = set()

    def add(name, content):
        data = content if isinstance(content, bytes) else _raw(content)
        if data not in seen:  # e.g. a truncated file equal to a hand-made malformed one
            seen.add(data)
            files.append((f"{len(files):03d}-{name}", data))

    # code and names where an expression is expected: payoffs, assumptions, parameters
    for k, code in enumerate(CODE):
        add(f"code-payoff-{k}.json", _json(code))
    for k, code in enumerate(CODE[:12]):
        add(f"code-assumption-{k}.json",
            _json(1, parameters={"T": {}}, assumptions=[f"T > {code}"]))
        add(f"code-in-nfg-{k}.nfg", 'NFG 1 R "" { "A" } { 1 } ' + code)
    for k, name in enumerate(["__class__", "os.system", "a b", "1x", "sqrt", "", "T" * 200,
                              "lambda x", "\u0661"]):
        add(f"param-name-{k}.json", _json("1", parameters={name: {}}))
    for k, assumption in enumerate(["evil", "__class__", "positive\u200b"]):
        add(f"param-assumption-{k}.json", _json("T", parameters={"T": {assumption: True}}))
    add("param-bad-flag.json", _json("T", parameters={"T": {"positive": "yes"}}))
    add("param-inconsistent.json",
        _json("T", parameters={"T": {"positive": True, "negative": True}}))
    add("param-imaginary.json", _json("T", parameters={"T": {"imaginary": True}}))
    # absurd numbers and deep nesting inside strings
    for k, text in enumerate(BIG):
        add(f"big-{k}.json", _json(text, parameters={"T": {}}))
    add("million-digit-int.json", '{"payoffs": [[' + "9" * 1_000_000 + "]]}")
    add("million-digit-negative.json", '{"payoffs": [[-' + "9" * 1_000_000 + "]]}")
    add("million-digit.nfg", 'NFG 1 R "" { "A" } { 1 } ' + "9" * 1_000_000)
    add("million-digit-fraction.nfg", 'NFG 1 R "" { "A" } { 1 } 1/' + "7" * 1_000_000)
    add("million-digit-count.nfg", 'NFG 1 R "" { "A" } { ' + "9" * 1_000_000 + " }")
    add("tiny-decimal.nfg", 'NFG 1 R "" { "A" } { 1 } 0.' + "0" * 5000 + "1")
    for k, e in enumerate(["1e999999999", "1e-999999999", "1.5e+99999999999999999999999",
                           "1e1001"]):
        add(f"huge-exponent-{k}.nfg", 'NFG 1 R "" { "A" } { 1 } ' + e)
    # deep JSON nesting
    add("deep-arrays.json", "[" * 100_000 + "]" * 100_000)
    add("deep-arrays-unclosed.json", "[" * 1_000_000)
    add("deep-objects.json", '{"a":' * 50_000 + "1" + "}" * 50_000)
    add("deep-payoffs.json", '{"payoffs": ' + "[" * 70 + "1" + "]" * 70 + "}")
    add("deep-mixed.json", '{"payoffs": [' + '[{"a": ' * 40 + "1" + "}]" * 40 + "]}")
    add("deep-nfg-braces.nfg", 'NFG 1 R "" ' + "{ " * 100_000)
    # NaN, infinities and floats
    for k, lit in enumerate(["NaN", "Infinity", "-Infinity", "1.5", "1e5", "-0.0", "1E400",
                             "0.1", "2.0", "1e-400", "nan", "inf", "-inf", "NaN1"]):
        add(f"non-exact-{k}.json", '{"payoffs": [[' + lit + "]]}")
    # (the strings "1.5", "1e5", "0.1", ".5" are exact decimals, read as 3/2, ...: valid)
    for k, lit in enumerate(['"NaN"', '"inf"', '"1.5.1"', '"1e"', '"0x1"', '"1_0"']):
        add(f"non-exact-string-{k}.json", '{"payoffs": [[' + lit + "]]}")
    # booleans, nulls and other wrong types
    for k, lit in enumerate(["true", "false", "null", "{}", '{"a": 1}', "[]", '""', '" "']):
        add(f"wrong-type-{k}.json", '{"payoffs": [[' + lit + "]]}")
    for k, top in enumerate(["[]", '"game"', "1", "null", "true", "[1, 2]", '{"payoffs": 1}',
                             '{"payoffs": "1"}', '{"payoffs": null}', '{"payoffs": {}}']):
        add(f"wrong-top-{k}.json", top)
    # duplicate, missing and unknown keys
    add("dup-top.json", '{"payoffs": [[1]], "payoffs": [[2]]}')
    add("dup-players.json", '{"players": ["A"], "players": ["B"], "payoffs": [[1]]}')
    add("dup-param.json", '{"parameters": {"T": {}, "T": {}}, "payoffs": [["T"]]}')
    add("dup-assumption.json",
        '{"parameters": {"T": {"positive": true, "positive": false}}, "payoffs": [["T"]]}')
    add("dup-delegation.json",
        '{"payoffs": {"agents": [[1]], "agents": [[1]], "principals": [[1]]}}')
    add("missing-payoffs.json", '{"players": ["A"], "actions": [["a"]]}')
    add("empty-object.json", "{}")
    add("unknown-key.json", '{"payoffs": [[1]], "__class__": 1}')
    add("unknown-key-2.json", '{"payoffs": [[1]], "Payoffs": [[1]]}')
    add("delegation-file.json", '{"payoffs": {"agents": [[1]], "principals": [[1]]}}')
    # wrong shapes
    for k, p in enumerate(["[[[1, 2], [3]], [[1, 2], [3, 4]]]", "[[1, 2], [3, 4]]",
                           "[[[[1]]], [[[1]]]]", "[[[1]]]", "[]", "[[]]", "[[], []]",
                           "[[[1, 2]], [[1, 2], [3, 4]]]", "[[[1, 2], [3, 4]], [[1, 2]]]",
                           "[1, 2]", "[[[1, 2], 3], [[1, 2], [3, 4]]]", "[[1], 2]"]):
        add(f"shape-{k}.json", '{"payoffs": ' + p + "}")
    add("players-mismatch.json", '{"players": ["A"], "payoffs": [[[1]], [[1]]]}')
    add("players-duplicate.json", '{"players": ["A", "A"], "payoffs": [[[1]], [[1]]]}')
    add("players-empty-name.json", '{"players": [""], "payoffs": [[1]]}')
    add("players-control.json", '{"players": ["a\\u0000b"], "payoffs": [[1]]}')
    add("players-surrogate.json", '{"players": ["\\ud800"], "payoffs": [[1]]}')
    add("players-not-list.json", '{"players": "AB", "payoffs": [[1]]}')
    add("players-number.json", '{"players": [1], "payoffs": [[1]]}')
    add("actions-mismatch.json", '{"actions": [["a", "b"]], "payoffs": [[1]]}')
    add("actions-empty.json", '{"actions": [[]], "payoffs": [[]]}')
    add("actions-count.json", '{"actions": [["a"], ["b"]], "payoffs": [[1]]}')
    add("assumptions-not-list.json", '{"assumptions": "T > 1", "payoffs": [[1]]}')
    add("assumptions-false.json", '{"assumptions": ["1 > 2"], "payoffs": [[1]]}')
    add("assumptions-undeclared.json", '{"assumptions": ["x > 2"], "payoffs": [[1]]}')
    add("assumptions-chain.json",
        '{"parameters": {"T": {}}, "assumptions": ["0 < T < 1"], "payoffs": [[1]]}')
    add("title-number.json", '{"title": 3, "payoffs": [[1]]}')
    # huge declared sizes
    add("huge-actions.json", json.dumps({"actions": [[str(k) for k in range(10)]] * 8,
                                         "payoffs": [[]] * 8}))
    # sizes inferred from the first entries: 300 x 300 x 300 = 27 million outcomes
    first = [[[0] * 300] + [0] * 299] + [0] * 299
    add("huge-inferred.json", json.dumps({"payoffs": [first, [], []]}))
    add("ragged-first-row.json",
        '{"payoffs": [[[' + ",".join(["0"] * 20_000) + "]], [[0]]]}")
    add("many-players.json", json.dumps({"payoffs": [[1]] * 65}))
    add("many-players.nfg", 'NFG 1 R "" { ' + '"p" ' * 65 + "} { " + "1 " * 65 + "}")
    for k, dims in enumerate(["1000000 1000000", "10000000 2", "99999999999999999999",
                              "4294967296 4294967296", "100000 100000 100000", "10000001"]):
        n = len(dims.split())
        add(f"huge-dims-{k}.nfg",
            'NFG 1 R "" { ' + " ".join(f'"p{i}"' for i in range(n)) + " } { " + dims + " }")
    add("huge-labels.nfg", 'NFG 1 R "" { "A" "B" } { { ' + '"s" ' * 4000 + "} { "
        + '"t" ' * 4000 + "} }")
    # malformed .nfg
    for k, text in enumerate([
            'NFG 2 R "" { "A" } { 1 } 0', 'NFG 1 X "" { "A" } { 1 } 0', 'EFG 2 R "" { "A" }',
            'NFG 1 R { "A" } { 1 } 0', 'NFG 1 R "" "A" { 1 } 0', 'NFG 1 R "" { "A" { 1 } 0',
            'NFG 1 R "" { "A" } 1 0', 'NFG 1 R "" { "A" } { 1 0', 'NFG 1 R "" { "A" } { 0 }',
            'NFG 1 R "" { "A" } { -1 }', 'NFG 1 R "" { "A" } { 1.5 }', 'NFG 1 R "" { } { }',
            'NFG 1 R "" { "A" } { 2 } 1', 'NFG 1 R "" { "A" } { 1 } 1 2',
            'NFG 1 R "" { "A" } { 1 } 1/0', 'NFG 1 R "" { "A" } { 1 } --1',
            'NFG 1 R "" { "A" } { 1 } +-1', 'NFG 1 R "" { "A" } { 1 } 1e',
            'NFG 1 R "" { "A" } { 1 } 1.2.3', 'NFG 1 R "" { "A" } { 1 } 1/2/3',
            'NFG 1 R "" { "A" } { 1 } .', 'NFG 1 R "" { "A" } { 1 } -',
            'NFG 1 R "" { "A" } { 1 } { { "o" 1 } } 2',
            'NFG 1 R "" { "A" } { 1 } { { "o" 1 } } -1',
            'NFG 1 R "" { "A" } { 1 } { { "o" 1 } } 1.0',
            'NFG 1 R "" { "A" } { 1 } { { "o" 1 2 } } 1',
            'NFG 1 R "" { "A" } { 1 } { { "o" } } 1', 'NFG 1 R "" { "A" } { 1 } { { 1 } } 1',
            'NFG 1 R "" { "A" } { 1 } { { "o" 1 } 1', 'NFG 1 R "" { "A" } { 1 } { } ',
            'NFG 1 R "" { "A" } { 1 } { { "o" 1 } } 99999999999999999999999999',
            'NFG 1 R "" { "A\tB" } { 1 } 0', 'NFG 1 R "" { "A\nB" } { 1 } 0',
            'NFG 1 R "" { "A" } { { "a\x00" } } 0', 'NFG 1 R "" { "A } { 1 } 0',
            'NFG 1 R "unterminated', 'NFG 1 R "" { "A" } { { "a" } { "b" } } 0',
            'NFG 1 R "" { "A" "B" } { { "a" } } 0', 'NFG 1 R "" { "A" } { { } } 0',
            'NFG 1 R "" { "A" } { 1 } NaN', 'NFG 1 R "" { "A" } { 1 } inf',
            'NFG 1 R "" { "A" } { 1 } 0x1F', 'NFG 1 R "" { "A" } { 1 } 1,',
            'NFG 1 R "" { "A" } { 1 } "1"', 'NFG 1 R "" { "A" } { 1 } \u0661',
            'NFG 1 R "" { "A" } { 1 } １', 'NFG', 'NFG 1', 'NFG 1 R', 'NFG 1 R ""',
            'NFG 1 R "" {', 'NFG 1 R "" { "A" }', 'NFG 1 R "" { "A" } {',
            'NFG 1 R "" { "A" } { 1 }', 'NFG 1 R "" { "\ud800" } { 1 } 0']):
        add(f"malformed-{k}.nfg", text)
    # non-UTF-8 bytes and other encodings
    for k, junk in enumerate([b"\xff", b"\xc3\x28", b"\xc0\xaf", b"\xed\xa0\x80", b"\xf8\x88",
                              b"\xe2\x82", b"\x80", b"\xfe\xff"]):
        add(f"bad-utf8-{k}.json", b'{"payoffs": [["' + junk + b'"]]}')
        add(f"bad-utf8-{k}.nfg", b'NFG 1 R "' + junk + b'" { "A" } { 1 } 0')
    add("latin1.json", '{"players": ["Zoë"], "payoffs": [[1]]}'.encode("latin-1"))
    add("utf16.json", '{"payoffs": [[1]]}'.encode("utf-16"))
    add("utf16.nfg", 'NFG 1 R "" { "A" } { 1 } 0'.encode("utf-16"))
    add("utf32.json", '{"payoffs": [[1]]}'.encode("utf-32"))
    # empty and whitespace
    for k, content in enumerate([b"", b" ", b"\n\n", b"\xef\xbb\xbf", b"\x00", b"\x00" * 1000,
                                 b"\t\r\n\x0b\x0c"]):
        add(f"empty-{k}.json", content)
    # truncated valid files
    for label, valid in [("json", VALID_JSON), ("nfg", VALID_NFG), ("ofg", VALID_OUTCOME_NFG)]:
        ext = "json" if label == "json" else "nfg"
        n = len(valid)
        cuts = sorted({int(n * f) for f in (0.02, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9,
                                            0.95)} | {n - 2})
        for c in cuts:
            if valid[:c].strip():
                add(f"truncated-{label}-{c}.{ext}", valid[:c])
    # binary junk
    rng = random.Random(20261122)
    for k in range(24):
        size = rng.choice([1, 7, 64, 512, 4096, 65536])
        data = bytes(rng.getrandbits(8) for _ in range(size))
        prefix = [b"", b"{", b"NFG 1 R ", b'{"payoffs": '][k % 4]
        add(f"junk-{k}.{'json' if k % 2 else 'nfg'}", prefix + data)
    return files


def _hand_written() -> list[tuple[str, bytes]]:
    out = []
    for name in sorted(os.listdir(HOSTILE_DIR)):
        if name == "README.md":
            continue
        with open(os.path.join(HOSTILE_DIR, name), "rb") as fh:
            out.append((f"hand-{name}", fh.read()))
    return out


def _write_corpus(folder) -> list[str]:
    paths = []
    for name, content in corpus() + _hand_written():
        p = os.path.join(folder, name)
        with open(p, "wb") as fh:
            fh.write(content)
        paths.append(p)
    return paths


def _limits():  # pragma: no cover - runs in the child
    import resource
    resource.setrlimit(resource.RLIMIT_AS, (GIB, GIB))


def _env():
    env = dict(os.environ)
    env["PYTHONPATH"] = ROOT + os.pathsep + env.get("PYTHONPATH", "")
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        env[var] = "1"
    return env


DRIVER = textwrap.dedent("""
    import contextlib, io, json, signal, sys, time, traceback
    from symalign.cli import main

    class Timeout(BaseException):
        pass

    def alarm(signum, frame):
        raise Timeout()

    signal.signal(signal.SIGALRM, alarm)
    for path in sys.argv[1:]:
        out, err = io.StringIO(), io.StringIO()
        start = time.perf_counter()
        status, crash = None, None
        signal.alarm(5)
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                status = main(["analyze", path])
        except Timeout:
            crash = "timeout after 5 s"
        except BaseException:
            crash = traceback.format_exc()
        finally:
            signal.alarm(0)
        print(json.dumps({"path": path, "status": status, "stderr": err.getvalue(),
                          "crash": crash, "seconds": time.perf_counter() - start}), flush=True)
""")


def _check(path, status, stderr, crash=None):
    problems = []
    if crash:
        problems.append(f"crashed: {crash}")
    if status != 2:
        problems.append(f"exit status {status}")
    lines = stderr.splitlines()
    if len(lines) != 1 or not lines[0].startswith("symalign: error: "):
        problems.append(f"stderr is {stderr[:300]!r}")
    if "Traceback" in stderr:
        problems.append("traceback on stderr")
    return [f"{os.path.basename(path)}: {p}" for p in problems]


def test_corpus_is_large_and_distinct():
    files = corpus() + _hand_written()
    assert len(files) >= 200
    assert len({content for _, content in files}) == len(files)


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory):
    if os.path.exists(MARKER):
        os.unlink(MARKER)
    folder = tmp_path_factory.mktemp("hostile")
    return folder, _write_corpus(str(folder))


def test_cli_refuses_every_hostile_file(corpus_dir):
    """One child process, 1 GiB address space, main() per file with a 5 s alarm each."""
    _, paths = corpus_dir
    proc = subprocess.run([sys.executable, "-c", DRIVER, *paths], cwd=ROOT, env=_env(),
                          preexec_fn=_limits, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    results = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["path"] for r in results] == paths
    problems = []
    for r in results:
        problems += _check(r["path"], r["status"], r["stderr"], r["crash"])
    assert not problems, "\n".join(problems[:40])
    assert not os.path.exists(MARKER)


SAMPLE = ["code-payoff-0.json", "million-digit-int.json", "deep-arrays.json", "non-exact-0.json",
          "dup-top.json", "shape-0.json", "bad-utf8-0.nfg", "huge-dims-0.nfg", "junk-5.json",
          "truncated-nfg"]


def test_separate_processes(corpus_dir):
    """A handful of files through the real ``python -m symalign analyze FILE``."""
    _, paths = corpus_dir
    chosen = [next(p for p in paths if os.path.basename(p)[4:].startswith(s)) for s in SAMPLE]
    problems = []
    for path in chosen:
        proc = subprocess.run([sys.executable, "-m", "symalign", "analyze", path], cwd=ROOT,
                              env=_env(), preexec_fn=_limits, capture_output=True, text=True,
                              timeout=5 if not os.environ.get("CI") else 20)
        problems += _check(path, proc.returncode, proc.stderr)
    assert not problems, "\n".join(problems)
    assert not os.path.exists(MARKER)


@pytest.mark.parametrize("content", [
    _json(f"__import__('os').system('touch {MARKER}')"),
    b"\xff\xfe\x00",
    b"[" * 100_000,
    b'NFG 1 R "" { "A" "B" } { 1000000 1000000 }',
])
def test_stdin(content):
    proc = subprocess.run([sys.executable, "-m", "symalign", "analyze", "-"], input=content,
                          cwd=ROOT, env=_env(), preexec_fn=_limits, capture_output=True,
                          timeout=5 if not os.environ.get("CI") else 20)
    assert _check("<stdin>", proc.returncode, proc.stderr.decode()) == []
    assert not os.path.exists(MARKER)


def test_stdin_valid_game():
    proc = subprocess.run([sys.executable, "-m", "symalign", "analyze", "-", "--format", "json"],
                          input=VALID_NFG.encode(), cwd=ROOT, env=_env(), preexec_fn=_limits,
                          capture_output=True, timeout=20)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == b""


# -- fuzzing: mutations of valid files ------------------------------------------------------
INTERESTING = ["{", "}", "[", "]", ",", ":", '"', "\\", "NaN", "1.5", "1e999", "-", "/",
               "0", "99999999999999999999", "__import__", "T", "x", " ", "\n", "\x00", "\ud800",
               "sqrt(", "^", "**", "true", "null", '"payoffs"', '"players"', "1/0", "{ 1 }"]


@st.composite
def mutated(draw, texts):
    text = draw(st.sampled_from(texts))
    for _ in range(draw(st.integers(1, 4))):
        n = len(text)
        i = draw(st.integers(0, n))
        j = draw(st.integers(i, min(n, i + 8)))
        op = draw(st.sampled_from(["delete", "insert", "replace", "duplicate"]))
        if op == "delete":
            text = text[:i] + text[j:]
        elif op == "duplicate":
            text = text[:j] + text[i:j] * draw(st.integers(1, 50)) + text[j:]
        else:
            piece = draw(st.sampled_from(INTERESTING) | st.text(max_size=3))
            text = text[:i] + piece + (text[j:] if op == "replace" else text[i:])
    return text


def _read(text):
    try:
        _parse(text, "<fuzz>", None)
    except SymalignError:
        pass


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(mutated([VALID_JSON]))
@example(VALID_JSON.replace('"T > 2"', '"T > 2 > 1"'))
@example(VALID_JSON.replace('"T"', '"T^T^T^T"', 1))
@example(VALID_JSON.replace('"positive": true', '"positive": true, "real": false'))
def test_mutated_json(text):
    _read(text)


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(mutated([VALID_NFG, VALID_OUTCOME_NFG]))
@example(VALID_NFG.replace('"C" "D" }\n{', '"C" "C" }\n{'))
@example(VALID_OUTCOME_NFG.replace("1 2 3 4", "1 2 3 0"))
def test_mutated_nfg(text):
    _read(text)


@settings(deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes(data):
    text = data.decode("utf-8", "replace")
    _read(text)
    _read("{" + text)
    _read("NFG 1 R " + text)
