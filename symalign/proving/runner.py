"""Run the machine-checked theorems of ``proofs/`` and render a proof report.

Each theorem module ``proofs/thm_*.py`` states one claim and returns a
`symalign.proving.claims.Verification` from ``proof()``. `run_proofs` runs them; `render` turns the
results into a text table, JSON, Markdown or a LaTeX document (``amsmath`` and ``booktabs``;
it compiles with ``pdflatex``). The command line ``symalign prove`` is registered by
`register`.

Examples
========

>>> from symalign.proving.runner import run_proofs, render
>>> results = run_proofs(only=["pd_covariance"])
>>> [(v.name, v.method, v.holds) for v in results]
[('pd_covariance', 'lemma chain', True)]
>>> print(render(results, "markdown").splitlines()[2])  # doctest: +ELLIPSIS
| pd_covariance | ... | lemma chain | yes | proved | ... |

"""

from __future__ import annotations

import importlib
import importlib.util
import json
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

import sympy

from symalign.core.errors import SymalignError
from symalign.proving.records import Step, Verification

__all__ = ["run_proofs", "theorem_names", "render", "render_table", "render_json",
           "render_markdown", "render_latex", "FORMATS"]

FORMATS = ("table", "text", "json", "latex", "markdown")


def _proofs_package():
    """Import the theorem package: ``symalign.proofs`` when installed, else the source folder."""
    try:
        return importlib.import_module("symalign.proofs")
    except ImportError:
        pass
    here = Path(__file__).resolve().parents[2] / "proofs"
    mod = sys.modules.get("proofs")
    if mod is not None and Path(getattr(mod, "__file__", "") or "").resolve().parent == here:
        return mod
    init = here / "__init__.py"
    if not init.is_file():
        raise SymalignError("the theorem modules (the 'proofs' folder next to the symalign "
                            f"package) were not found at {here}; run from a source checkout.")
    if mod is not None:
        raise SymalignError(f"another module called 'proofs' is already imported "
                            f"({getattr(mod, '__file__', mod)!r}); cannot load {here}.")
    spec = importlib.util.spec_from_file_location("proofs", init,
                                                  submodule_search_locations=[str(here)])
    mod = importlib.util.module_from_spec(spec)
    sys.modules["proofs"] = mod
    try:
        spec.loader.exec_module(mod)
    except BaseException:
        del sys.modules["proofs"]
        raise
    return mod


def theorem_names() -> list[str]:
    """The name of every declared theorem, in module order.

    Examples
    ========

    >>> from symalign.proving.runner import theorem_names
    >>> "alpha_nonpositive" in theorem_names()
    True

    """
    pkg = _proofs_package()
    return [t.name for t in pkg.theorems()]


def _import_failure(stem: str, exc: BaseException) -> Verification:
    """The failure record of a theorem module that cannot even be imported."""
    msg = f"{type(exc).__name__}: {exc}"
    return Verification(claim="(the module did not import)", name=stem.removeprefix("thm_"),
                        method="lemma chain", holds=None, error=msg,
                        steps=(Step(sympy.Symbol("crash"), f"importing {stem} raised {msg}",
                                    None),))


def run_proofs(only: str | Sequence[str] | None = None) -> list[Verification]:
    """Run every theorem (or those named in ``only``) and return the results.

    Names are the theorems' names (``"alpha_nonpositive"``) or module names
    (``"thm_alpha_nonpositive"``). Each result records its wall-clock ``seconds`` and its
    ``scope``. A theorem that crashes (or whose module does not import) is reported as that
    theorem's failure, with the exception in ``error``, and the run continues.

    Examples
    ========

    >>> from symalign.proving.runner import run_proofs
    >>> [v.holds for v in run_proofs("false_alpha_zero_common_payoff")]   # meant to be refuted
    [False]

    Raises
    ======

    SymalignError
        If a name is unknown.

    """
    pkg = _proofs_package()
    if only is None:
        stems = list(pkg.theorem_names())
    else:
        names = [only] if isinstance(only, str) else list(only)
        stems = []
        for n in names:
            stem = n if n.startswith("thm_") else f"thm_{n}"
            if stem not in pkg.theorem_names():
                try:
                    stem = pkg.load(n).__name__.rsplit(".", 1)[-1]
                except KeyError as exc:
                    raise SymalignError(str(exc.args[0])) from None
            stems.append(stem)
    out = []
    for stem in stems:
        try:
            thm = pkg.theorem_of(importlib.import_module(f"{pkg.__name__}.{stem}"))
        except Exception as exc:
            out.append(_import_failure(stem, exc))
            continue
        out.append(thm())
    return out


# -- rendering ------------------------------------------------------------------------------

def _verdict(v: Verification) -> str:
    return {True: "proved", False: "refuted", None: "undecided"}[v.holds]


def _status(v: Verification) -> str:
    return "ok" if v.ok else ("CRASHED" if v.error else "UNEXPECTED")


def render_table(results: Iterable[Verification], *, width: int = 72) -> str:
    """A plain-text table: name, claim, scope, method, expected, holds, seconds, status; then
    the total and one ``CRASHED`` line per theorem whose proof raised.

    Examples
    ========

    >>> from symalign.proving.runner import run_proofs, render_table
    >>> lines = render_table(run_proofs("pd_covariance")).splitlines()
    >>> lines[0].split()
    ['name', 'claim', 'scope', 'method', 'expected', 'holds', 'seconds', 'status']
    >>> lines[1].split()[0], lines[1].split()[-3:-2], lines[1].split()[-1]
    ('pd_covariance', ['proved'], 'ok')

    """
    results = list(results)
    rows = [("name", "claim", "scope", "method", "expected", "holds", "seconds", "status")]
    for v in results:
        claim = v.claim if len(v.claim) <= width else v.claim[:width - 3] + "..."
        rows.append((v.name, claim, _scope_kind(v), v.method, "yes" if v.expected else "no",
                     _verdict(v), f"{v.seconds:.2f}", _status(v)))
    widths = [max(len(r[k]) for r in rows) for k in range(len(rows[0]))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    total = sum(v.seconds for v in results)
    ok = sum(v.ok for v in results)
    lines.append(f"{ok}/{len(results)} theorems as expected; {total:.2f} s in total")
    for v in results:
        if v.error:
            lines.append(f"{v.name} CRASHED: {v.error}")
    return "\n".join(lines)


def render_json(results: Iterable[Verification]) -> str:
    """JSON: a list of objects with ``name``, ``statement``, ``method``, ``expected``, ``holds``,
    ``seconds``, ``source``, ``scope``, ``error``, ``assumptions``, ``steps`` and
    ``counterexample``.

    Examples
    ========

    >>> import json
    >>> from symalign.proving.runner import run_proofs, render_json
    >>> data = json.loads(render_json(run_proofs("pd_covariance")))
    >>> sorted(data[0])[:7]
    ['assumptions', 'counterexample', 'error', 'expected', 'holds', 'method', 'name']
    >>> data[0]["scope"].startswith("generic shapes")
    True

    """
    return json.dumps([v.to_dict() for v in results], indent=2, ensure_ascii=False)


def _md_cell(text: str) -> str:
    return str(text).replace("|", r"\|").replace("\n", " ")


def render_markdown(results: Iterable[Verification]) -> str:
    """A Markdown report: a summary table (claims as ``$...$`` math) and one section per theorem.

    Examples
    ========

    >>> from symalign.proving.runner import run_proofs, render_markdown
    >>> print(render_markdown(run_proofs("pd_covariance")).splitlines()[0])
    | theorem | claim | scope | method | expected | result | seconds |

    """
    results = list(results)
    lines = ["| theorem | claim | scope | method | expected | result | seconds |",
             "|---|---|---|---|---|---|---|"]
    for v in results:
        lines.append(f"| {v.name} | ${_md_cell(v.claim)}$ | {_scope_kind(v)} | {v.method} | "
                     f"{'yes' if v.expected else 'no'} | {_verdict(v)} | {v.seconds:.2f} |")
    lines.append("")
    lines.append(f"{sum(v.ok for v in results)}/{len(results)} theorems came out as expected "
                 f"in {sum(v.seconds for v in results):.2f} s.")
    for v in results:
        lines += ["", f"## {v.name}", "", f"$${v.claim}$$", "",
                  f"- source: {v.source}", f"- scope: {_scope_text(v)}",
                  f"- method: {v.method}",
                  f"- expected: {'holds' if v.expected else 'refuted'}; result: {_verdict(v)} "
                  f"({_status(v)})"]
        if v.assumptions:
            lines.append("- hypotheses: " + "; ".join(_md_hyp(a) for a in v.assumptions))
        if v.counterexample is not None:
            lines.append(f"- counterexample: `{_plain(v.counterexample)}`")
        if v.error:
            lines.append(f"- crashed: `{v.error}`")
        lines.append("")
        for k, s in enumerate(v.steps, 1):
            mark = {True: "✓", False: "✗", None: "?"}[s.holds]
            lines.append(f"{k}. {mark} {s.how}")
    return "\n".join(lines)


def _scope_text(v: Verification) -> str:
    from symalign.proving.theorems import SCOPES
    kind, _, covers = (v.scope or "not declared").partition(": ")
    return f"{kind} ({SCOPES[kind]}): {covers}" if kind in SCOPES else v.scope or "not declared"


def _scope_kind(v: Verification) -> str:
    return (v.scope or "-").partition(": ")[0]


def _md_hyp(a) -> str:
    s = str(a)
    return s if ("$" in s or "\\" not in s) else f"${s}$"


def _plain(obj) -> str:
    from symalign.proving.records import _text
    return " ".join(_text(obj).split())


_TEX_SPECIAL = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
                "_": r"\_", "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}",
                "^": r"\textasciicircum{}", "<": r"\textless{}", ">": r"\textgreater{}",
                "|": r"\textbar{}"}


def _tex_text(s: str) -> str:
    """Escape plain text for LaTeX (ASCII-safe for pdflatex)."""
    out = "".join(_TEX_SPECIAL.get(ch, ch) for ch in str(s))
    repl = {"§": r"\S{}", "✓": "ok", "✗": "no", "—": "---", "–": "--", "≥": r"$\ge$",
            "≤": r"$\le$", "∪": r"$\cup$", "₁": r"$_1$", "±": r"$\pm$", "−": "-",
            "α": r"$\alpha$"}
    for k, val in repl.items():
        out = out.replace(k, val)
    return "".join(ch if ord(ch) < 128 else "?" for ch in out)


def _tex_mixed(s: str) -> str:
    """Text that may contain ``$...$`` math: escape the text parts only."""
    s = str(s)
    if "$" not in s:
        return f"${s}$" if ("\\" in s or "^" in s or "_" in s) else _tex_text(s)
    parts = re.split(r"(\$[^$]*\$)", s)
    return "".join(p if (p.startswith("$") and p.endswith("$") and len(p) > 1) else _tex_text(p)
                   for p in parts)


def render_latex(results: Iterable[Verification], *, title: str = "symalign proof report"
                 ) -> str:
    """A complete LaTeX document (``amsmath``, ``amssymb``, ``booktabs``) reporting every theorem.

    Examples
    ========

    >>> from symalign.proving.runner import run_proofs, render_latex
    >>> doc = render_latex(run_proofs("pd_covariance"))
    >>> doc.startswith("\\\\documentclass"), "\\\\usepackage{booktabs}" in doc
    (True, True)
    >>> doc.rstrip().endswith("\\\\end{document}")
    True

    """
    results = list(results)
    L = [r"\documentclass[11pt]{article}",
         r"\usepackage[T1]{fontenc}",
         r"\usepackage{amsmath,amssymb}",
         r"\usepackage{booktabs}",
         r"\usepackage[margin=2.2cm]{geometry}",
         r"\allowdisplaybreaks",
         rf"\title{{{_tex_text(title)}}}",
         r"\date{}",
         r"\begin{document}",
         r"\maketitle",
         _tex_text(f"{sum(v.ok for v in results)} of {len(results)} theorems came out as "
                   f"expected in {sum(v.seconds for v in results):.2f} s. Methods: identity "
                   "(exact simplification), certificate (exact Farkas/Positivstellensatz "
                   "multipliers per argmax case), lemma chain, exhaustive (every member of a "
                   "finite family), sampled (refutation only)."),
         "",
         r"\begin{center}",
         r"\begin{tabular}{lllllr}",
         r"\toprule",
         r"theorem & scope & method & expected & result & seconds \\",
         r"\midrule"]
    for v in results:
        L.append(f"{_tex_text(v.name)} & {_tex_text(_scope_kind(v))} & {_tex_text(v.method)} & "
                 f"{'holds' if v.expected else 'refuted'} & {_verdict(v)} & "
                 f"{v.seconds:.2f} \\\\")
    L += [r"\bottomrule", r"\end{tabular}", r"\end{center}", ""]
    for v in results:
        L.append(rf"\section*{{{_tex_text(v.name)}}}")
        L.append(r"\[" + v.claim + r"\]")
        L.append(r"\begin{description}")
        L.append(rf"\item[Source] {_tex_text(v.source)}")
        if v.assumptions:
            L.append(r"\item[Hypotheses] " + "; ".join(_tex_mixed(a) for a in v.assumptions))
        L.append(rf"\item[Scope] {_tex_text(_scope_text(v))}")
        L.append(rf"\item[Method] {_tex_text(v.method)}")
        if v.error:
            L.append(rf"\item[Crashed] \texttt{{{_tex_text(v.error)}}}")
        L.append(rf"\item[Result] {_verdict(v)} "
                 f"(expected: {'holds' if v.expected else 'refuted'}; {_tex_text(_status(v))})")
        if v.counterexample is not None:
            L.append(rf"\item[Counterexample] \texttt{{{_tex_text(_plain(v.counterexample))}}}")
        L.append(r"\end{description}")
        if v.steps:
            L.append(r"\begin{enumerate}")
            for s in v.steps:
                mark = {True: "checked", False: "fails", None: "undecided"}[s.holds]
                L.append(rf"\item ({mark}) {_tex_text(s.how)}")
            L.append(r"\end{enumerate}")
        L.append("")
    L.append(r"\end{document}")
    return "\n".join(L) + "\n"


def render(results: Iterable[Verification], fmt: str = "table") -> str:
    """Render results as ``"table"`` (or ``"text"``), ``"json"``, ``"markdown"`` or ``"latex"``.

    Examples
    ========

    >>> from symalign.proving.runner import render
    >>> render([], "json")
    '[]'

    """
    if fmt in ("table", "text"):
        return render_table(results)
    if fmt == "json":
        return render_json(results)
    if fmt == "markdown":
        return render_markdown(results)
    if fmt == "latex":
        return render_latex(results)
    raise SymalignError(f"Argument 'fmt' is {fmt!r}; expected one of {FORMATS}.")
