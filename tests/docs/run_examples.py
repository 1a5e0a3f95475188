#!/usr/bin/env python3
"""run_examples.py — runs every command shown with its output in README.md and docs/*.md and
compares the output, so the documentation cannot drift from the tool.

Usage: tests/docs/run_examples.py ONCE ROOT

The convention (documented in README.md, "Tests"): a fenced block whose info string is `console`
is a tested example. In it, a line starting with `$ ` is a command (bash), and the lines after
it, up to the next `$ ` line or the end of the block, are its expected output (stdout and stderr
together, as a terminal shows them). In the expected output:
  - a line that is only `...` (spaces around it allowed) stands for any number of lines (0 or more);
  - a line ending in ` ...` matches any line that starts with the text before it;
  - a last line `(exit N)` says the command exits N (otherwise it must exit 0).
Blocks of any other kind (```sh, ```yaml, ```json) are not run.

Each command runs with bash in a fresh scratch folder that holds links to ROOT's samples/, docs/,
tests/ and data/, and build/src/once; `once` on PATH is ONCE. Commands of one block share the
folder (a block may write a file and read it back). The environment is PATH, HOME, LC_ALL=C and
NO_COLOR=1, so the caller's terminal cannot change outputs.
Ends with one line `N passed, N failed`; exits 1 when an example failed.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def blocks(path):
    """Yields (first line number, [lines]) of every ```console block."""
    inside, start, lines = False, 0, []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not inside and line.strip() == "```console":
            inside, start, lines = True, number, []
        elif inside and line.strip() == "```":
            inside = False
            yield start, lines
        elif inside:
            lines.append(line)


def examples(lines):
    """Splits a block into (command, expected lines)."""
    command, expected = None, []
    for line in lines:
        if line.startswith("$ "):
            if command is not None:
                yield command, expected
            command, expected = line[2:], []
        elif command is not None:
            expected.append(line)
    if command is not None:
        yield command, expected


def pattern(expected):
    parts = []
    for line in expected:
        if line.strip() == "...":
            parts.append(r"(?:[^\n]*\n)*?")
        elif line.endswith(" ..."):
            parts.append(re.escape(line[:-4]) + r"[^\n]*\n")
        else:
            parts.append(re.escape(line) + r"\n")
    return re.compile("".join(parts) + r"\Z")


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    once = Path(sys.argv[1]).resolve()
    root = Path(sys.argv[2]).resolve()
    bin_dir = Path(tempfile.mkdtemp(prefix="once-docs-bin."))
    shutil.copy(once, bin_dir / "once")
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "HOME": os.environ.get("HOME", "/tmp"), "LC_ALL": "C",
           "NO_COLOR": "1"}
    passed = failed = 0
    files = [root / "README.md"] + sorted((root / "docs").glob("*.md"))
    try:
        for path in files:
            for start, lines in blocks(path):
                scratch = Path(tempfile.mkdtemp(prefix="once-docs."))
                try:
                    for name in ("samples", "docs", "tests", "data"):
                        (scratch / name).symlink_to(root / name)
                    (scratch / "build" / "src").mkdir(parents=True)
                    (scratch / "build" / "src" / "once").symlink_to(bin_dir / "once")
                    for command, expected in examples(lines):
                        exit_code = 0
                        if expected and re.fullmatch(r"\(exit \d+\)", expected[-1].strip()):
                            exit_code = int(expected[-1].strip()[6:-1])
                            expected = expected[:-1]
                        run = subprocess.run(["bash", "-c", command], cwd=scratch, env=env, stdout=subprocess.PIPE,
                                             stderr=subprocess.STDOUT, timeout=600)
                        output = run.stdout.decode("utf-8", "replace")
                        where = f"{path.relative_to(root)}:{start}: $ {command}"
                        if run.returncode == exit_code and pattern(expected).match(output):
                            passed += 1
                            print(f"ok    {where}")
                        else:
                            failed += 1
                            print(f"FAIL  {where}\n  exit {run.returncode} (expected {exit_code}); expected:")
                            print("\n".join("    " + line for line in expected))
                            print("  got:")
                            print("\n".join("    " + line for line in output.splitlines()[:60]))
                finally:
                    shutil.rmtree(scratch, ignore_errors=True)
    finally:
        shutil.rmtree(bin_dir, ignore_errors=True)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
