"""The entry point in a subprocess (a second QApplication in the test process would abort):
no argument opens the bundled example, files open from the command line, bad files fail
cleanly, --version needs no Qt."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from .conftest import MOPED


def _run(args, tmp_path, timeout=120):
    env = dict(os.environ)
    env.update(QT_QPA_PLATFORM="offscreen", NAION_SETTINGS_FILE=str(tmp_path / "s.ini"),
               NAION_RECOVERY_DIR=str(tmp_path / "recovery"),
               NAION_USER_DIR=str(tmp_path / "user"))
    return subprocess.run([sys.executable, "-m", "naion_designer.gui.app", *args], env=env,
                          capture_output=True, text=True, timeout=timeout)


@pytest.mark.slow
def test_no_argument_opens_the_bundled_example(tmp_path):
    r = _run(["--smoke-test"], tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("smoke-test ok: Home storage 51.2 V 10.7 kWh 16S1P, 10.752 kWh, "
                               "16 groups laid out")
    assert "Traceback" not in r.stderr


@pytest.mark.slow
def test_files_on_the_command_line_open_as_tabs(tmp_path):
    r = _run(["--smoke-test", str(MOPED)], tmp_path)
    assert r.returncode == 0, r.stderr
    assert "E-moped 62 V 48 Ah 20S4P" in r.stdout
    assert "1 design(s) open" in r.stdout


def test_version_without_qt(tmp_path):
    r = _run(["--version"], tmp_path, timeout=30)
    assert r.returncode == 0
    assert r.stdout.startswith("naion-designer 0.")
