"""Start the built app bundle offscreen and check that it opened and computed the example.

Usage: `python packaging/smoke_test.py dist/naion-designer` (exit 0 = the bundle works).
The app's `--smoke-test` opens the bundled example (found through sys._MEIPASS), lays it out,
computes it, prints one line and exits; settings and the recovery folder go to a temporary
folder so that the test leaves nothing behind.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

EXPECTED = "smoke-test ok: Home storage 51.2 V 10.7 kWh 16S1P"


def find_executable(bundle: Path) -> Path:
    for name in ("naion-designer", "naion-designer.exe"):
        candidate = bundle / name
        if candidate.is_file():
            return candidate
    raise SystemExit(f"smoke test: no naion-designer executable in {bundle}")


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: smoke_test.py BUNDLE_DIR", file=sys.stderr)
        return 2
    bundle = Path(argv[0])
    exe = find_executable(bundle)
    with tempfile.TemporaryDirectory(prefix="naion-smoke-") as tmp:
        env = dict(os.environ)
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        env.update(NAION_SETTINGS_FILE=str(Path(tmp) / "settings.ini"),
                   NAION_RECOVERY_DIR=str(Path(tmp) / "recovery"),
                   NAION_USER_DIR=str(Path(tmp) / "user"))
        try:
            r = subprocess.run([str(exe), "--smoke-test"], env=env, capture_output=True,
                               text=True, timeout=180)
        except subprocess.TimeoutExpired:
            print("smoke test FAILED: the app did not exit within 180 s", file=sys.stderr)
            return 1
    out = r.stdout.strip()
    if r.returncode != 0 or not out.startswith(EXPECTED):
        print(f"smoke test FAILED (exit {r.returncode})\nstdout: {out}\nstderr: "
              f"{r.stderr.strip()[-2000:]}", file=sys.stderr)
        return 1
    print(f"smoke test passed: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
