"""中文 throughout: under zh_CN every text of the main window, its menus and its dialogs is
Chinese, except data (design, cell, target and duty-cycle names, file names) and a whitelist of
units, symbols and proper names.  And the language machinery: the catalogue is complete, --lang
and the Preferences choice pick the language, Qt's own dialogs are translated too."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QTabBar,
    QTreeWidget,
)

from naion_designer.io.paths import resources_dir

from .conftest import HOME_STORAGE, MOPED

ROOT = Path(__file__).resolve().parents[2]
TS = resources_dir() / "translations" / "naion-designer_zh_CN.ts"
# ASCII words allowed in Chinese text: units, symbols, formats, proper names, key names
ALLOWED = {
    "kWh", "Wh", "mAh", "Ah", "kW", "MW", "mm", "min", "kg", "degC", "SOC", "BMS", "CSV", "PDF",
    "PNG", "JPEG", "CNY", "EUR", "USD", "LFP", "NaIon", "Designer", "Letter", "Ctrl", "Shift", "Esc",
    "toml", "TOML", "mohm", "ohm", "max", "kHz", "Alt", "Enter", "Del", "Tab", "PgUp", "PgDown",
    "naion", "HiNa", "CATL", "Pareto", "R0", "MWh", "GWh", "English", "Wh/L", "OCV", "RMS",
}


@pytest.fixture(scope="module")
def qm_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("qm")
    script = ROOT / "packaging" / "build_translations.py"
    lrelease = subprocess.run([sys.executable, "-c", "import runpy; print(runpy.run_path("
                               f"{str(script)!r})['tool']('lrelease'))"],
                              capture_output=True, text=True, check=True).stdout.strip()
    subprocess.run([lrelease, "-silent", str(TS), "-qm", str(out / "naion-designer_zh_CN.qm")],
                   check=True)
    return out


@pytest.fixture
def chinese(qm_dir, monkeypatch, qapp):
    from naion_designer.gui import i18n

    monkeypatch.setenv("NAION_TRANSLATIONS_DIR", str(qm_dir))
    loaded = i18n.install_translators(qapp, "zh_CN")
    assert any(p.endswith("naion-designer_zh_CN.qm") for p in loaded)
    assert any("qtbase_zh_CN" in p for p in loaded)
    yield
    i18n.install_translators(qapp, "en")


def data_strings(win) -> list[str]:
    """Texts that come from data, not from the app: names of designs, cells, targets, cycles."""
    from naion_designer.core.profiles import builtin_profiles
    from naion_designer.gui.target_cache import cached_presets

    out = {"NaIon Designer"}
    for doc in win.docs:
        out |= {doc.design.name, doc.display_name(), doc.design.target}
        out |= {doc.design.cell.id, doc.design.cell.maker, doc.design.cell.model}
        if doc.path:
            out |= {doc.path.name, str(doc.path)}
    for c in win.library.cells.values():
        out |= {c.id, c.maker, c.model, c.form_factor, c.chemistry, c.cathode, c.anode,
                getattr(c, "source", "")}
    for t in cached_presets().values():  # the presets' names are translated (core catalogue)
        out |= {t.id}
    from naion_designer.core.cell import CHEMISTRIES, FORM_FACTORS

    out |= set(CHEMISTRIES) | set(FORM_FACTORS)
    for pid, bp in builtin_profiles().items():
        out |= {pid, getattr(bp, "label", pid)}
    return sorted((s for s in out if s and len(s) > 1), key=len, reverse=True)


def english_words(text: str, data: list[str]) -> list[str]:
    text = re.sub(r"<[^>]+>", " ", text)  # markup
    text = text.replace("&", "")
    for s in data:
        text = text.replace(s, " ")
    text = re.sub(r"\b[\w.-]+\.(naion|toml|csv|pdf|png|qm)\b", " ", text)  # file names
    words = re.findall(r"[A-Za-z][A-Za-z]{2,}", text)
    return [w for w in words if w not in ALLOWED]


def visible_texts(root) -> list[tuple[str, str]]:
    """(where, text) of every text the user reads in `root` and its children."""
    out = []

    def add(where, text):
        if text:
            out.append((where, text))

    widgets = [root, *root.findChildren(QLabel), *root.findChildren(QAbstractButton),
               *root.findChildren(QGroupBox), *root.findChildren(QDockWidget),
               *root.findChildren(QComboBox), *root.findChildren(QTabBar),
               *root.findChildren(QLineEdit), *root.findChildren(QHeaderView),
               *root.findChildren(QTreeWidget)]
    for w in widgets:
        name = f"{type(w).__name__}({w.objectName()})"
        if w is root or isinstance(w, QDockWidget):
            add(name, w.windowTitle())
        if isinstance(w, QLabel):
            add(name, w.text())
        elif isinstance(w, QAbstractButton):
            add(name, w.text())
        elif isinstance(w, QGroupBox):
            add(name, w.title())
        elif isinstance(w, QComboBox):
            for i in range(w.count()):
                add(name, w.itemText(i))
        elif isinstance(w, QTabBar):
            for i in range(w.count()):
                add(name, w.tabText(i))
        elif isinstance(w, QLineEdit):
            add(name + ".placeholder", w.placeholderText())
        elif isinstance(w, QHeaderView) and w.model() is not None:
            m = w.model()
            n = m.columnCount() if w.orientation().name == "Horizontal" else 0
            for c in range(n):
                add(name, str(m.headerData(c, w.orientation()) or ""))
        elif isinstance(w, QTreeWidget):
            for i in range(w.topLevelItemCount()):
                add(name, w.topLevelItem(i).text(0))
    return out


def menu_texts(win) -> list[tuple[str, str]]:
    out = []

    def walk(menu: QMenu, path: str):
        menu.aboutToShow.emit()  # fills Open recent
        for a in menu.actions():
            if a.isSeparator():
                continue
            out.append((path, a.text()))
            if a.menu() is not None:
                walk(a.menu(), path + "/" + a.text())

    for a in win.menuBar().actions():
        out.append(("menu bar", a.text()))
        walk(a.menu(), a.text())
    return out


def core_labels_without_entry() -> set[str]:
    """Result and check labels made by the core that its zh_CN catalogue does not know yet: the
    catalogue's completeness is tests/core/test_messages.py's business, not the GUI's."""
    from naion_designer.core.results import RESULT_DEFS
    from naion_designer.core.targets import CHECK_LABELS
    from naion_designer.io.messages_catalog import translate

    labels = {d.label for d in RESULT_DEFS.values()} | set(CHECK_LABELS.values())
    return {t for t in labels if translate(t, "zh_CN") == t}


def check(items, data) -> list[str]:
    core = core_labels_without_entry()
    return [f"{where}: {text!r} ({', '.join(bad)})" for where, text in items
            if text.lstrip("✓✗ ") not in core and (bad := english_words(text, data))]


def action_texts(menu: QMenu, path: str) -> list[tuple[str, str]]:
    """(where, text) of every action of `menu` and its submenus."""
    out = []
    for a in menu.actions():
        if a.isSeparator():
            continue
        out.append((path, a.text()))
        if a.menu() is not None:
            out += action_texts(a.menu(), path + "/" + a.text())
    return out


def test_every_gui_string_has_a_chinese_translation():
    tree = ET.parse(TS)
    unfinished = [m.find("source").text for m in tree.getroot().iter("message")
                  if m.find("translation").get("type") == "unfinished"
                  or not (m.find("translation").text or "").strip()]
    assert not unfinished


def test_no_english_in_the_main_window_menus_and_dialogs_under_zh_cn(chinese, make_window, qtbot):
    from naion_designer.gui.comparison_view import ComparisonView
    from naion_designer.gui.dialogs.cell_editor import CellEditorDialog
    from naion_designer.gui.dialogs.export import ExportDialog
    from naion_designer.gui.dialogs.preferences import PreferencesDialog
    from naion_designer.gui.sizing_view import SizingView

    win = make_window(HOME_STORAGE, MOPED)
    data = data_strings(win)
    problems = check(visible_texts(win) + menu_texts(win), data)
    doc = win.current_document()
    dialogs = [PreferencesDialog(win.settings, win), ExportDialog(doc.design, win),
               CellEditorDialog(doc.design.cell, win), SizingView(), ComparisonView()]
    dialogs[-1].set_designs([d.design for d in win.docs])
    for dlg in dialogs:
        qtbot.addWidget(dlg)
        problems += check(visible_texts(dlg), data)
    assert not problems, "English under zh_CN:\n" + "\n".join(problems)


def test_no_english_in_the_layout_tools_under_zh_cn(chinese, make_window, qtbot):
    """Fit to box (after a search, and a box nothing fits), the fit dialog, the Lifetime view,
    the layout editor's context menu, hover text and undo texts, and a refused edit's message."""
    from naion_designer.gui.dialogs.fit_dialog import FitDialog
    from naion_designer.gui.dialogs.fit_to_box import FitToBoxDialog
    from naion_designer.gui.lifetime_view import LifetimeView

    win = make_window(MOPED)  # 4 cells in parallel: several block shapes
    data = data_strings(win)
    doc = win.current_document()
    fit_box = FitToBoxDialog(doc, win)
    fit_cells = FitDialog(doc.design.cell, win)
    life = LifetimeView(doc.design)
    for dlg in (fit_box, fit_cells, life):
        qtbot.addWidget(dlg)
    problems = []
    for dlg in (fit_box, fit_cells, life):
        problems += check(visible_texts(dlg), data)
    table = fit_box.table
    cells = [("FitToBoxDialog.table", table.item(r, c).text())
             for r in range(table.rowCount()) for c in range(table.columnCount())]
    assert cells, "the search found no arrangement"
    problems += check(cells + [("FitToBoxDialog.summary", fit_box.summary.text())], data)
    fit_box.set_box(0.05, 0.05, 0.05)  # nothing fits
    fit_box.search()
    assert fit_box.summary.text()
    problems += check([("FitToBoxDialog.summary", fit_box.summary.text())], data)

    view = win.current_tab().view
    menu = view.context_menu()
    qtbot.addWidget(menu)
    items = action_texts(menu, "layout context menu")
    assert len(items) >= 3  # the submenu, automatic, one shape at least
    problems += check(items, data)
    problems += check([("layout hover", view.describe_cell(0, 0))], data)
    from naion_designer.core.layout.blocks import group_shapes

    other = next(sh for sh in group_shapes(doc.design.parallel)
                 if sh != view.layout.group_shape)
    assert view.set_group_shape(other)
    problems += check([("undo text", win.undo_group.undoText())], data)
    messages = []
    view.message.connect(messages.append)
    doc.edit("three modules", layout=replace(doc.design.layout, modules=3))  # 20 = 7 + 7 + 6
    modules = list(view.layout.module_of_series)
    sizes = {m: modules.count(m) for m in modules}
    small = min(sizes, key=sizes.get)
    big = max(sizes, key=sizes.get)
    assert not view.swap_modules(modules.index(big), modules.index(small))  # refused
    assert messages
    problems += check([("layout message", messages[-1])], data)
    assert not problems, "English under zh_CN:\n" + "\n".join(problems)


def test_core_texts_are_shown_in_chinese(chinese, make_window):
    win = make_window(HOME_STORAGE)
    assert win.results.items["nominal_voltage"].text(0) == "标称电压"
    assert win.results.items["capacity"].text(0) == "额定容量"


def test_language_choice(monkeypatch, qapp):
    from naion_designer.gui.i18n import choose_language

    assert choose_language("zh_CN", "en") == "zh_CN"
    assert choose_language("", "zh_CN") == "zh_CN"
    from PySide6.QtCore import QLocale

    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale("zh_CN")))
    assert choose_language("", "") == "zh_CN"
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale("de_DE")))
    assert choose_language("", "") == "en"
    with pytest.raises(ValueError):
        choose_language("fr", "")


def test_app_starts_in_chinese_with_lang(qm_dir, tmp_path):
    env = {"QT_QPA_PLATFORM": "offscreen", "NAION_TRANSLATIONS_DIR": str(qm_dir),
           "NAION_SETTINGS_FILE": str(tmp_path / "s.ini"),
           "NAION_RECOVERY_DIR": str(tmp_path / "rec"), "NAION_LOG_DIR": str(tmp_path / "log"),
           "PYTHONPATH": str(ROOT), "HOME": str(tmp_path)}
    code = ("import sys; from naion_designer.gui import app; "
            "from PySide6.QtCore import QCoreApplication as Q; "
            "orig = app.smoke_report; "
            "app.smoke_report = lambda win: (print(win.menuBar().actions()[0].text()), "
            "orig(win))[1]; sys.exit(app.main(['--smoke-test', '--lang', 'zh_CN']))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                       timeout=120)
    assert r.returncode == 0, r.stderr
    assert "文件(&F)" in r.stdout
    assert (tmp_path / "log" / "naion-designer.log").is_file()


def test_qt_standard_dialogs_are_translated(chinese):
    from PySide6.QtWidgets import QDialogButtonBox

    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"
    QApplication.processEvents()


def test_field_labels_and_file_filter_are_translated(chinese):
    from naion_designer.core.units import InputError
    from naion_designer.gui.messages import file_filter, user_message

    assert file_filter() == "NaIon 设计 (*.naion);;所有文件 (*)"
    text = user_message(InputError("layout.group_shape", "x"))
    assert text == "并联组排布形状: x"


def test_sizing_summary_and_target_names_are_in_chinese(chinese, qtbot):
    from naion_designer.gui.sizing_view import SizingView
    from naion_designer.io.library import library

    lib = library()
    view = SizingView(cells=[lib.cells["hina-nacr32140-me12"]])
    qtbot.addWidget(view)
    names = [view.target_picker.itemText(k) for k in range(view.target_picker.count())]
    assert "电动轻便摩托车 60 V" in names
    view.set_target("e-moped-60v")
    with qtbot.waitSignal(view.finished, timeout=60000):
        view.run()
    qtbot.waitUntil(lambda: not view.is_running(), timeout=10000)
    text = view.status.text()
    assert text.startswith("电动轻便摩托车 60 V：已搜索") and not english_words(text, [])
