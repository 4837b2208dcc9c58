"""Shipped text cites the papers and the docs, never the unshipped specification (issue 17).

symalign was written from a specification (``normal_form_alignment.md``, ``delegation_games.md``)
that is not shipped, so a reference such as "(§11)", "spec §9.2" or "delegation_games.md §7.4"
points a reader at nothing. Docstrings, comments, help texts, report strings, the docs and the
README cite the paper and part a statement comes from ("Sourbut, Hammond & Wood (2024),
Sec. 6.1") or, for a symalign choice, the docs page that explains it
("docs/discussion/errata.rst"). This test greps every shipped text file for the old forms, and
checks that every docs page cited that way exists.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SUFFIXES = {".py", ".md", ".rst", ".json", ".txt", ".toml", ".tex", ".cfg"}

#: references to the unshipped specification
SPEC = re.compile(
    r"§"                                              # any section sign ("§11", "spec §3.4")
    r"|normal_form_alignment(\.md)?|delegation_games\.md"
    r"|shared/spec"
    r"|\bspec(ification)?'s\b"                        # "the spec's formula"
    r"|\b(the|this|our|symalign's) spec(ification)?\b(?! *[=(.\[,)])"   # prose, not a variable
    r"|\bspec(ification)? section")
#: the one allowed "§": the LaTeX escape table of the proof report (it escapes the character)
ALLOWED = {("symalign/proving/runner.py", 'repl = {"§": r"\\S{}"')}
DOCS_PAGE = re.compile(r"docs/(?:discussion|how-to|tutorial|reference)/[\w-]+\.rst")


def shipped_files() -> list[Path]:
    """The package, the theorem modules, the docs (without a build) and the top-level texts."""
    files = [ROOT / "README.md", ROOT / "pyproject.toml"]
    for folder in ("symalign", "proofs", "docs"):
        for path in sorted((ROOT / folder).rglob("*")):
            parts = path.relative_to(ROOT).parts
            if path.is_file() and path.suffix in SUFFIXES and "_build" not in parts \
                    and "__pycache__" not in parts:
                files.append(path)
    return files


def spec_references(path: Path) -> list[str]:
    rel = path.relative_to(ROOT).as_posix()
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if SPEC.search(line) and not any(rel == f and allowed in line for f, allowed in ALLOWED):
            found.append(f"{rel}:{number}: {line.strip()[:120]}")
    return found


def test_no_shipped_text_cites_the_unshipped_spec():
    files = shipped_files()
    assert len(files) > 150   # the scan sees the package, not an empty folder
    bad = [hit for path in files for hit in spec_references(path)]
    assert bad == [], "references to the unshipped spec:\n" + "\n".join(bad)


def test_every_cited_docs_page_exists():
    missing = sorted({(path.relative_to(ROOT).as_posix(), page)
                      for path in shipped_files()
                      for page in DOCS_PAGE.findall(path.read_text(encoding="utf-8"))
                      if not (ROOT / page).is_file()})
    assert missing == []


@pytest.mark.parametrize("text", [
    "Player's mixed security value by the exact LP of §8.",
    "    >>> pareto_frontier(chicken())[1]    # §10: (6, 6) at (C, C)",
    "Source: ``normal_form_alignment.md`` 9.2 ([std]).",
    "the spec's exact constructions of a delegation game",
    "derived in the specification with a proof sketch",
    "see delegation_games.md",
])
def test_the_pattern_sees_each_old_form(text):
    assert SPEC.search(text)


@pytest.mark.parametrize("text", [
    "def load_game(spec: str) -> tuple[Game, str]:",
    "    spec = importlib.util.spec_from_file_location('proofs', init)",
    'r"\\begin{longtable}{" + spec + "}"',
    "    return Conclusion(tuple([search, spec]), holds=holds)",
    "(Sourbut, Hammond & Wood (2024), Sec. 6.1)",
])
def test_the_pattern_spares_code_and_paper_citations(text):
    assert not SPEC.search(text)
