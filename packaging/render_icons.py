"""Render resources/icons/naion-designer.svg into the PNG sizes desktops and the app use, and
pack them into the Windows `.ico` and macOS `.icns` icons (Pillow writes both).

Run from the repository root: `QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/render_icons.py`
(`--bundles-only` skips the SVG rendering and rebuilds the .ico/.icns from the PNGs).
"""

from __future__ import annotations

import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # what Windows picks from (256 is the largest)
ICNS_SIZES = (16, 32, 64, 128, 256, 512)


def write_bundle_icons() -> None:
    """naion-designer.ico and .icns from the rendered PNGs (each size from its own PNG)."""
    from PIL import Image

    pngs = {s: Image.open(ICONS / f"naion-designer-{s}.png").convert("RGBA") for s in SIZES}
    big = pngs[256]
    big.save(ICONS / "naion-designer.ico", format="ICO", sizes=[(s, s) for s in ICO_SIZES],
             append_images=[pngs[s] for s in ICO_SIZES if s != 256])
    pngs[512].save(ICONS / "naion-designer.icns", format="ICNS",
                   append_images=[pngs[s] for s in ICNS_SIZES if s != 512])
    print(f"wrote naion-designer.ico and naion-designer.icns to {ICONS}")


def main() -> None:
    if "--bundles-only" in sys.argv[1:]:
        write_bundle_icons()
        return
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 - fonts need an app
    renderer = QSvgRenderer(str(ICONS / "naion-designer.svg"))
    if not renderer.isValid():
        raise SystemExit("naion-designer.svg is not a valid SVG")
    for size in SIZES:
        img = QImage(size, size, QImage.Format.Format_ARGB32)
        img.fill(Qt.GlobalColor.transparent)
        painter = QPainter(img)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        img.save(str(ICONS / f"naion-designer-{size}.png"))
    print(f"wrote {len(SIZES)} PNGs to {ICONS}")
    write_bundle_icons()


if __name__ == "__main__":
    main()
