"""Desktop integration files: .desktop entry, AppStream metainfo, the .naion MIME type, icons,
and `make install-desktop` putting them where XDG desktops look."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PKG = ROOT / "packaging"
APPID = "io.naion.Designer"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"


def desktop_entry() -> configparser.SectionProxy:
    cp = configparser.ConfigParser(interpolation=None)
    cp.optionxform = str
    cp.read(PKG / f"{APPID}.desktop", encoding="utf-8")
    return cp["Desktop Entry"]


def test_desktop_entry_names_and_types():
    e = desktop_entry()
    assert e["Name"] == "NaIon Designer" and e["Exec"].startswith("naion-designer ")
    assert e["Icon"] == "naion-designer"
    assert (ROOT / "resources" / "icons" / "naion-designer.svg").is_file()
    mime = ET.parse(PKG / f"{APPID}.mime.xml").getroot()
    types = [m.get("type") for m in mime.iter(f"{MIME_NS}mime-type")]
    assert types == [e["MimeType"].rstrip(";")]
    assert "zh_CN" in "".join(k for k in e)  # Comment[zh_CN] etc.


def test_mime_type_matches_design_files(tmp_path, example_cell_path):
    from naion_designer.io.design_file import new_design, write_design_file

    mime = ET.parse(PKG / f"{APPID}.mime.xml").getroot()
    globs = [g.get("pattern") for g in mime.iter(f"{MIME_NS}glob")]
    assert globs == ["*.naion"]
    match = next(mime.iter(f"{MIME_NS}match"))
    lo, hi = (int(x) for x in match.get("offset").split(":"))
    p = tmp_path / "d.naion"
    write_design_file(new_design(str(example_cell_path), 4, 1, "x"), p)
    assert match.get("value").encode() in p.read_bytes()[lo:hi + len(match.get("value"))]


def test_metainfo_has_screenshots_urls_and_the_mime_type():
    root = ET.parse(PKG / f"{APPID}.metainfo.xml").getroot()
    assert root.findtext("id") == APPID
    assert root.find("launchable").text == f"{APPID}.desktop"
    shots = root.findall("screenshots/screenshot")
    assert shots and shots[0].get("type") == "default"
    for s in shots:
        assert s.findtext("caption") and s.findtext("image").startswith("https://")
    urls = {u.get("type") for u in root.findall("url")}
    assert {"homepage", "bugtracker", "help"} <= urls
    assert root.findtext("provides/mediatype") == desktop_entry()["MimeType"].rstrip(";")


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstreamcli not installed")
def test_metainfo_validates():
    r = subprocess.run(["appstreamcli", "validate", "--no-net", str(PKG / f"{APPID}.metainfo.xml")],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stdout + r.stderr


def test_bundle_icons_hold_every_size():
    from PIL import Image

    with Image.open(ROOT / "resources" / "icons" / "naion-designer.ico") as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.ico.sizes())
    with Image.open(ROOT / "resources" / "icons" / "naion-designer.icns") as icns:
        assert icns.format == "ICNS" and (512, 512, 1) in icns.info["sizes"]


@pytest.mark.skipif(shutil.which("make") is None, reason="make not installed")
def test_make_install_desktop_follows_xdg(tmp_path):
    r = subprocess.run(["make", "-s", "install-desktop", f"PREFIX={tmp_path}"], cwd=ROOT,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    share = tmp_path / "share"
    entry = (share / "applications" / f"{APPID}.desktop").read_text(encoding="utf-8")
    assert f"Exec={ROOT / '.venv' / 'bin' / 'naion-designer'} %F" in entry
    assert (share / "metainfo" / f"{APPID}.metainfo.xml").is_file()
    assert (share / "mime" / "packages" / f"{APPID}.xml").is_file()
    for size in (16, 48, 256):
        assert (share / "icons" / "hicolor" / f"{size}x{size}" / "apps" /
                "naion-designer.png").is_file()
        assert (share / "icons" / "hicolor" / f"{size}x{size}" / "mimetypes" /
                "application-x-naion-design.png").is_file()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / "naion-designer.svg").is_file()
    if shutil.which("update-mime-database"):
        assert "*.naion" in (share / "mime" / "globs2").read_text(encoding="utf-8")
    r = subprocess.run(["make", "-s", "uninstall-desktop", f"PREFIX={tmp_path}"], cwd=ROOT,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and not (share / "applications" / f"{APPID}.desktop").exists()
