from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass

import pytest


@dataclass
class Run:
    code: int
    out: str
    err: str


def _run_inprocess(capsys, *args: str) -> Run:
    from naion_designer.cli import main

    code = main(list(args))
    cap = capsys.readouterr()
    return Run(code, cap.out, cap.err)


@pytest.fixture
def naion(capsys):
    """Run `naion ARGS...` in process (fast); returns Run(code, out, err)."""
    return lambda *args: _run_inprocess(capsys, *map(str, args))


@pytest.fixture
def naion_subprocess():
    """Run the real console entry point in a subprocess."""

    def run(*args: str) -> Run:
        p = subprocess.run([sys.executable, "-m", "naion_designer", *map(str, args)],
                           capture_output=True, text=True, timeout=120)
        return Run(p.returncode, p.stdout, p.stderr)

    return run


def assert_input_error(r: Run, *needles: str) -> None:
    assert r.code == 2, (r.code, r.out, r.err)
    lines = r.err.strip().splitlines()
    assert len(lines) == 1, r.err
    assert lines[0].startswith("error: "), r.err
    assert "Traceback" not in r.err
    for n in needles:
        assert n in lines[0], (n, lines[0])
