"""Render resources/icons/naion-designer.svg into the PNG sizes desktops and the app use.

Run from the repository root: `QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/render_icons.py`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def main() -> None:
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


if __name__ == "__main__":
    main()
