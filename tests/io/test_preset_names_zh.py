"""Every application target preset shows a Chinese name and description in the zh_CN app and
spec sheet (through the core catalogue)."""

from __future__ import annotations

import re

from naion_designer.io.messages_catalog import translate
from naion_designer.io.target_file import presets

CJK = re.compile(r"[\u4e00-\u9fff]")


def test_every_preset_name_and_description_has_a_zh_cn_entry():
    found = presets()
    assert len(found) >= 14
    for tid, t in found.items():
        for text in (t.name, t.description):
            assert text, f"{tid}: empty"
            zh = translate(text, "zh_CN")
            assert zh != text and CJK.search(zh), f"{tid}: {text!r} has no zh_CN entry"
