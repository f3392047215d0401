"""Screenshots of the real app started as a user starts it, in English and in Chinese (from the
system locale: LANG=zh_CN.UTF-8), on an X server (Xvfb), captured with ImageMagick:

    PYTHONPATH=. python packaging/screenshots_i18n.py docs/images

Each run starts `naion-designer` on the bundled home-storage example in a 1400 × 900 window with
its own settings folder, waits for the window, captures it and closes the app.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def shoot(out: Path, lang_env: str, name: str) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="naion-shot-"))
    (tmp / "settings").mkdir()
    env = dict(os.environ, LANG=lang_env, LC_ALL=lang_env, PYTHONPATH=str(ROOT),
               NAION_SETTINGS_FILE=str(tmp / "settings" / "naion-designer.ini"),
               NAION_RECOVERY_DIR=str(tmp / "recovery"), NAION_LOG_DIR=str(tmp / "logs"))
    env.pop("QT_QPA_PLATFORM", None)
    example = ROOT / "examples" / "home-storage-51v.naion"
    proc = subprocess.Popen([sys.executable, "-m", "naion_designer.gui.app", "--no-restore",
                             str(example)], env=env)
    try:
        time.sleep(12)  # start-up, the library, the first curves
        subprocess.run(["xdotool", "search", "--name", "NaIon Designer", "windowsize", "%@",
                        "1400", "900", "windowmove", "%@", "0", "0"], check=False)
        time.sleep(3)
        subprocess.run(["import", "-window", "root", "-crop", "1400x900+0+0", "+repage",
                        "-strip", str(out / name)], check=True)
        print(f"wrote {out / name}")
    finally:
        proc.terminate()
        proc.wait(20)


def main(out: str) -> int:
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    shoot(folder, "en_GB.UTF-8", "main-window-en.png")
    shoot(folder, "zh_CN.UTF-8", "main-window-zh_CN.png")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "docs/images"))
