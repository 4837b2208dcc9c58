"""The documentation's tests (a package, so that docs/conftest.py and tests/conftest.py do not clash)."""
