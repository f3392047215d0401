"""The core never imports Qt: checked by importing it with Qt made unimportable."""

import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]

PROBE = r"""
import sys, importlib, pkgutil
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('PySide6', 'PyQt5', 'PyQt6', 'pyqtgraph', 'shiboken6'):
            raise ImportError('Qt is forbidden in the core: ' + name)
sys.meta_path.insert(0, Block())
import naion_designer
names = []
for pkg in ('naion_designer.core', 'naion_designer.io', 'naion_designer.report'):
    mod = importlib.import_module(pkg)
    for info in pkgutil.walk_packages(mod.__path__, pkg + '.'):
        importlib.import_module(info.name)
        names.append(info.name)
import naion_designer.cli
naion_designer.cli.build_parser()
bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pyqtgraph', 'shiboken6')]
assert not bad, bad
print(len(names))
"""


def test_core_imports_without_qt():
    p = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                       cwd=ROOT, timeout=120)
    assert p.returncode == 0, p.stderr
    assert int(p.stdout.strip()) >= 8


def test_no_qt_import_outside_gui():
    pattern = re.compile(r"^\s*(from|import)\s+(PySide6|PyQt\d|pyqtgraph|shiboken6)\b", re.M)
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "naion_designer").rglob("*.py")
                 if "gui" not in p.relative_to(ROOT / "naion_designer").parts[:1]
                 and pattern.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_cli_help_does_not_import_heavy_modules():
    code = ("import sys, naion_designer.cli as c; c.build_parser();"
            "print(','.join(m for m in ('numpy', 'pint', 'reportlab', 'PySide6', 'scipy') "
            "if m in sys.modules))")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                       timeout=60)
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == ""
