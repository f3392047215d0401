"""The app's languages, the Qt way: every GUI string goes through `tr()` (or
`QCoreApplication.translate`), Qt Linguist sources in `resources/translations/*.ts` are compiled
to `.qm` by `pyside6-lrelease` at build time (`make translations`, the wheel's build hook, the
bundle), and `install_translators()` loads them, with Qt's own `qtbase_<lang>.qm` for the
standard dialogs, before the main window exists.

The language: `naion-designer --lang zh_CN|en`, else the Preferences choice, else the system
locale.  Texts made by the core (InputError messages, check reasons, result labels) are English;
`core_text()` is the one place the GUI shows one, translated by the core's Qt-free catalogue
`translate(text, lang)`.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}
SOURCE_LANGUAGE = "en"
CATALOGUE = "naion-designer"  # naion-designer_zh_CN.ts / .qm
_current = SOURCE_LANGUAGE
_installed: list[QTranslator] = []


def translations_dir() -> Path:
    """Where the compiled .qm files are (NAION_TRANSLATIONS_DIR overrides: tests, bundles)."""
    env = os.environ.get("NAION_TRANSLATIONS_DIR")
    if env:
        return Path(env)
    from ..io.paths import resources_dir

    return resources_dir() / "translations"


def system_language() -> str:
    name = QLocale.system().name()  # "zh_CN", "en_GB", "C"
    return "zh_CN" if name.startswith("zh") else SOURCE_LANGUAGE


def choose_language(requested: str = "", preference: str = "") -> str:
    """--lang beats the Preferences choice ("" = follow the system), which beats the locale."""
    for lang in (requested, preference):
        if lang:
            if lang not in LANGUAGES:
                raise ValueError(f"unknown language '{lang}' (expected one of "
                                 f"{', '.join(LANGUAGES)})")
            return lang
    return system_language()


def install_translators(app, lang: str) -> list[str]:
    """Load the app's and Qt's translations of `lang` into `app`; the .qm files loaded."""
    global _current
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    _current = lang
    if lang == SOURCE_LANGUAGE:
        return []
    loaded = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in ((f"{CATALOGUE}_{lang}", str(translations_dir())),
                         (f"qtbase_{lang}", qt_dir)):
        t = QTranslator(app)
        if t.load(name, folder):
            app.installTranslator(t)
            _installed.append(t)
            loaded.append(str(Path(folder) / f"{name}.qm"))
        else:
            log.warning("no translation %s.qm in %s: showing English", name, folder)
    return loaded


def current_language() -> str:
    return _current


def translate(context: str, text: str) -> str:
    """`QCoreApplication.translate` (pyside6-lupdate collects `translate("Context", "text")`)."""
    return QCoreApplication.translate(context, text)


def core_text(text: str) -> str:
    """A text made by the core (an error, a check reason, a result label) in the UI language."""
    if _current == SOURCE_LANGUAGE or not text:
        return text
    return core_translate(text, _current)


def core_translate(text: str, lang: str) -> str:
    """The core catalogue's `translate(text, lang)` (English in, translation out, unchanged if
    unknown); here: the exact texts of `_CORE_ZH`, then 'field: message' with a known field."""
    table = _CORE.get(lang, {})
    if text in table:
        return table[text]
    field, sep, rest = text.partition(": ")
    if sep and field in table:
        return f"{table[field]}：{table.get(rest, rest)}"
    return text


_CORE_ZH = {
    # result labels (core.results)
    "Nominal voltage": "标称电压", "Maximum voltage": "最高电压", "Minimum voltage": "最低电压",
    "Capacity": "额定容量", "Energy": "额定能量", "Usable energy": "可用能量",
    "Cells resistance": "电芯内阻", "Pack resistance": "电池包内阻",
    "Interconnect resistance": "连接内阻",
    "Max. continuous discharge current": "最大持续放电电流",
    "Max. continuous discharge power": "最大持续放电功率",
    "Max. continuous charge current": "最大持续充电电流",
    "Max. continuous charge power": "最大持续充电功率",
    "Peak discharge current": "峰值放电电流", "Peak discharge power": "峰值放电功率",
    "Max. continuous discharge C-rate": "最大持续放电倍率",
    "Max. continuous charge C-rate": "最大持续充电倍率",
    "Load current (analysis)": "负载电流（分析）", "Voltage under load": "负载电压",
    "Runtime power (analysis)": "运行功率（分析）", "Runtime at analysis power": "分析功率下运行时间",
    "Heat at max. continuous discharge": "最大持续放电发热功率",
    "Max. cell current share": "单体最大电流分配比", "Cells": "电芯数量", "Cell mass": "电芯质量",
    "Overhead mass": "附件质量", "Pack mass": "电池包质量", "Envelope length": "外形长度",
    "Envelope width": "外形宽度", "Envelope height": "外形高度", "Pack volume": "电池包体积",
    "Specific energy": "质量能量密度", "Energy density": "体积能量密度", "Cell cost": "电芯成本",
    "Cell cost per kWh": "每千瓦时电芯成本",
    "Steady-state temperature rise": "稳态温升", "Hottest cell (steady state)": "最热电芯（稳态）",
    "Interconnect loss at max. current": "最大电流下连接损耗",
    "Adiabatic temperature rise": "绝热温升",
    # target check labels (core.targets)
    "Charge power": "充电功率", "Charge temperature range": "充电温度范围",
    "Continuous power at the lowest voltage": "最低电压下持续功率", "Cycle life": "循环寿命",
    "Discharge temperature range": "放电温度范围",
    "Drop-in: energy inside the voltage window": "直接替换：电压范围内能量",
    "Energy inside the voltage window": "电压范围内能量", "Mass": "质量", "Volume": "体积",
    "Nominal voltage in the window": "标称电压在范围内",
    "Peak power at the lowest voltage": "最低电压下峰值功率",
    "Power at the coldest ambient": "最低环境温度下功率",
    "Usable energy at the coldest ambient": "最低环境温度下可用能量",
    # sizing objectives (core.sizing)
    "lowest cell cost": "电芯成本最低", "lowest mass": "质量最轻",
    "smallest envelope volume": "外形体积最小", "largest usable-energy margin": "可用能量裕量最大",
    # design fields named by InputError messages
    "series": "串联数", "parallel": "并联数", "layout.modules": "模组数",
    "layout.group_order": "并联组顺序", "layout.groups_per_row": "每排并联组数",
    "analysis.soc_window": "SOC 窗口", "analysis.load_c_rate": "负载倍率", "name": "名称",
    "target": "目标", "a value is required": "必须填写数值",
}
_CORE = {"zh_CN": _CORE_ZH}
