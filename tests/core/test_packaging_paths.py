"""The bundled data is found from an installed wheel as well as from a checkout."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_checkout_paths():
    from naion_designer.io.paths import cell_library_dir, data_root, resources_dir

    assert data_root() == ROOT
    assert (cell_library_dir() / "generic-nfpp-210ah.toml").is_file()
    assert resources_dir().is_dir()


@pytest.mark.slow
def test_wheel_contains_and_finds_the_data(tmp_path):
    pytest.importorskip("hatchling")
    p = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                        "-q", "-w", str(tmp_path), str(ROOT)], capture_output=True, text=True,
                       timeout=300)
    assert p.returncode == 0, p.stderr
    wheel = next(tmp_path.glob("naion_designer-*.whl"))
    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
        assert "naion_designer/_data/cell_library/generic-nfpp-210ah.toml" in names
        assert any(n.startswith("naion_designer/_data/resources/") for n in names)
        z.extractall(tmp_path / "site")
    code = ("import naion_designer.io.paths as p, sys;"
            "r = p.data_root(); print(r);"
            "from naion_designer.io.library import load_library;"
            "print(len(load_library(include_user=False).cells))")
    p = subprocess.run([sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, "
                        f"{str(tmp_path / 'site')!r}); " + code],
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    root, count = p.stdout.split()
    assert Path(root) == tmp_path / "site" / "naion_designer" / "_data"
    assert int(count) >= 15


def test_version_written_once():
    """pyproject.toml holds the version; the package and the AppStream release follow it."""
    import re
    import tomllib

    from naion_designer import __version__

    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert __version__ == declared
    metainfo = (ROOT / "packaging" / "io.naion.Designer.metainfo.xml").read_text()
    releases = re.findall(r'<release version="([^"]+)"', metainfo)
    assert releases and releases[0] == declared
