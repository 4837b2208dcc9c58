"""The atheris harness here is a script, not a test module: keep pytest from importing it."""

collect_ignore = ["fuzz_readers.py"]
