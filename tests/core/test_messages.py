"""Core messages are translated at the edges: the template matching of `core.messages`, and a
zh_CN entry for every message the core produces (collected from the source by AST)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from naion_designer.core.messages import Catalog, check_messages, normalise_language
from naion_designer.io.messages_catalog import translate

CORE = Path(__file__).resolve().parents[2] / "naion_designer" / "core"
CJK = re.compile(r"[\u4e00-\u9fff]")
# words that stay as they are in Chinese text (acronyms, ids, units, names)
KEEP = {"SOC", "OCV", "DC", "BMS", "CC", "CV", "TOML", "NaIon", "Designer", "SI", "R0", "CNY",
        "USD", "EUR", "kWh", "Wh", "Ah", "mohm", "degC", "cc", "cp", "cccv"}


def _template(node, out: list[str], local: dict | None = None):
    """The canonical template ('{}' for each hole) of a text expression; the branches of
    conditional expressions inside it are texts of their own and go to `out`.  `local` maps the
    names of the enclosing function's text variables (assigned once) to their expressions: a
    hole filled by one is the variable's own text ("{expected}, got {}" reads
    "expected a whole number ≥ {}, got {}")."""
    local = local or {}
    if isinstance(node, ast.Name) and node.id in local:  # a text variable passed on
        if len(local[node.id]) == 1:
            return _template(local[node.id][0], out, {})
        for value in local[node.id]:  # assigned in branches: each is a text of its own
            t = _template(value, out, {})
            if t is not None:
                out.append(t)
        return None
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value.replace("{", "{{").replace("}", "}}")
    if isinstance(node, ast.JoinedStr):
        parts = []
        for v in node.values:
            if isinstance(v, ast.Constant):
                parts.append(v.value.replace("{", "{{").replace("}", "}}"))
                continue
            if isinstance(v.value, ast.IfExp):
                _template(v.value, out, local)
            if (isinstance(v.value, ast.Name) and len(local.get(v.value.id, ())) == 1
                    and v.format_spec is None):
                inner = _template(local[v.value.id][0], out, {})
                if inner is not None:
                    parts.append(inner)
                    continue
            parts.append("{}")
        return "".join(parts)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        a, b = _template(node.left, out, local), _template(node.right, out, local)
        return (a if a is not None else "{}") + (b if b is not None else "{}")
    if isinstance(node, ast.IfExp):
        for branch in (node.body, node.orelse):
            t = _template(branch, out, local)
            if t is not None:
                out.append(t)
    return None


def _is_text(node) -> bool:
    return isinstance(node, ast.JoinedStr) or isinstance(node, ast.Constant) and isinstance(
        node.value, str) or isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and (
        _is_text(node.left) or _is_text(node.right))


def _text_variables(func) -> dict:
    """name -> the text expressions a function assigns to it (names it only ever assigns texts
    to, never adds to)."""
    seen: dict = {}
    for n in ast.walk(func):
        if isinstance(n, ast.Assign | ast.AugAssign | ast.AnnAssign):
            targets = n.targets if isinstance(n, ast.Assign) else [n.target]
            for t in targets:
                if isinstance(t, ast.Name):
                    seen.setdefault(t.id, []).append(n)
    return {name: [n.value for n in nodes] for name, nodes in seen.items()
            if all(isinstance(n, ast.Assign) and _is_text(n.value) for n in nodes)}


# lists the core collects user-visible sentences in (layout notes, simulation warnings, sizing
# reasons)
LISTS = ("notes", "out", "warnings")


def _call_texts(node: ast.Call) -> list:
    fn = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
    kw = {k.arg: k.value for k in node.keywords}
    if fn == "InputError":
        return node.args[1:2] + [kw[k] for k in ("message",) if k in kw]
    if fn == "ResultDef":  # result label and its basis
        return node.args[0:1] + node.args[4:5] + [kw[k] for k in ("label", "help") if k in kw]
    if fn == "Check":  # reason and label
        return node.args[6:8] + [kw[k] for k in ("reason", "label") if k in kw]
    if fn == "replace":  # a check or result given another label, reason or basis
        return [kw[k] for k in ("label", "reason", "basis") if k in kw]
    if fn in ("_min_check", "_max_check"):
        return node.args[4:6] + [kw[k] for k in ("what", "extra") if k in kw]
    return []


def core_messages() -> list[tuple[str, str, bool]]:
    """(where, template, is_fragment) for every user-visible text of the core: InputError
    messages, result labels and bases, check labels and reasons, cut-off reasons."""
    found = []
    for path in sorted(CORE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        scope: dict = {}  # node -> the text variables of its innermost function
        for func in ast.walk(tree):
            if isinstance(func, ast.FunctionDef):
                names = _text_variables(func)
                for n in ast.walk(func):
                    scope[n] = names
        for node in ast.walk(tree):
            exprs, fragment = [], False
            if isinstance(node, ast.Call):
                exprs = _call_texts(node)
                if (isinstance(node.func, ast.Attribute) and node.func.attr == "append"
                        and isinstance(node.func.value, ast.Name)
                        and node.func.value.id in LISTS):  # notes, warnings, reasons
                    exprs = node.args[:1]
            elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict) and any(
                    isinstance(t, ast.Name) and (t.id.endswith("_LABELS") or t.id == "OBJECTIVES")
                    for t in node.targets):
                exprs = node.value.values
            elif (isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name)
                  and node.target.id in LISTS):  # out += [text, ...] or [text for ...]
                v = node.value
                exprs = [v.elt] if isinstance(v, ast.ListComp) else list(
                    getattr(v, "elts", []))
            elif isinstance(node, ast.Assign | ast.AugAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                if any(isinstance(t, ast.Name) and t.id in ("reason", "txt", "text", "src")
                       for t in targets):
                    exprs, fragment = [node.value], isinstance(node, ast.AugAssign)
            elif isinstance(node, ast.FunctionDef) and (
                    node.name in ("message", "_shortfall") or node.name.endswith("_text")):
                exprs = [r.value for r in ast.walk(node)
                         if isinstance(r, ast.Return) and r.value is not None]
            for e in exprs:
                out: list[str] = []
                t = _template(e, out, scope.get(node))
                for text in ([t] if t is not None else []) + out:
                    found.append((f"{path.name}:{getattr(e, 'lineno', 0)}", text, fragment))
    return found


def needs_translation(template: str) -> bool:
    words = re.findall(r"[A-Za-z][A-Za-z-]{2,}", template.replace("{}", " "))
    return any(w not in KEEP for w in words)


FILLS = ("12.5", "", " V", "≥", "x", " (estimated)", " (estimated price)", "cell s1 p2")


def samples(template: str, fragment: bool, tries: int = 40):
    """Texts the template can produce: every hole the same, then random fills (seeded)."""
    import random

    parts = template.replace("{{", "\1").replace("}}", "\2").split("{}")
    holes = len(parts) - 1
    rng = random.Random(template)
    fills = [[f] * holes for f in ("12.5", "")]
    fills += [[rng.choice(FILLS) for _ in range(holes)] for _ in range(tries if holes else 0)]
    if holes <= 6:  # then every combination of a smaller vocabulary, lazily
        import itertools

        fills = itertools.chain(fills, itertools.product(("x", "12.5", " V", "≥"), repeat=holes))
    for fill in fills:
        text = parts[0] + "".join(f + p for f, p in zip(fill, parts[1:], strict=True))
        text = text.replace("\1", "{").replace("\2", "}")
        yield "Pack mass" + text if fragment else text


def test_the_collector_finds_the_core_messages():
    texts = {t for _, t, _ in core_messages()}
    assert len(texts) > 150
    assert "Nominal voltage" in texts  # a result label
    assert "cell nominal voltage × S" in texts  # its basis
    assert "Continuous power at the end of the usable window" in texts  # a check label
    assert "cell s{} p{} is empty (SOC 0)" in texts  # a cut-off reason, its local "who" inlined
    assert "expected a whole number ≥ {}, got {}" in texts  # parse_count's "{expected}, got"
    assert "expected {} such as '{}', got {}" in texts  # an InputError text


def test_every_core_message_has_a_zh_cn_entry():
    missing = []
    for where, template, fragment in core_messages():
        if not needs_translation(template):
            continue
        if not any((zh := translate(text, "zh_CN")) != text and CJK.search(zh)
                   for text in samples(template, fragment)):
            missing.append(f"{where}: {template!r}")
    assert not missing, (f"{len(missing)} core messages have no entry in "
                         "resources/translations/core_zh_CN.toml:\n" + "\n".join(missing))


def test_formatted_messages_translate_through_templates():
    zh = translate("expected a charge such as '12 Ah', got '12 V'", "zh_CN")
    assert zh == "应为电量，例如 '12 Ah'，实际为 '12 V'"
    # InputError prints "field: message": the field stays, the message is translated
    assert translate("capacity: expected a charge such as '12 Ah', got '12 V'", "zh_CN") \
        .startswith("capacity: 应为电量")
    # a hole's text is translated too ("cell s3 p0"), numbers and units are kept
    assert translate("cell s3 p0 reached the minimum voltage 1.50 V", "zh_CN") \
        == "单体 s3 p0 达到最低电压 1.50 V"
    # parts joined by "; " are translated one by one
    zh = translate("usable energy inside the window 10.5 kW·h ≥ 10 kW·h required; SOC 5–95 %",
                   "zh_CN")
    assert zh == "窗口内可用能量 10.5 kW·h ≥ 要求值 10 kW·h；SOC 5–95 %"


def test_unknown_text_and_english_come_back_unchanged():
    assert translate("no such message, surely", "zh_CN") == "no such message, surely"
    assert translate("Nominal voltage", "en") == "Nominal voltage"
    assert translate("Nominal voltage", "zh_CN") == "标称电压"
    assert translate("Nominal voltage", "zh_CN.UTF-8") == "标称电压"
    assert translate("", "zh_CN") == ""


@pytest.mark.parametrize(("given", "lang"), [("zh", "zh_CN"), ("zh-CN", "zh_CN"),
                                             ("zh_CN.UTF-8", "zh_CN"), ("en_GB", "en"),
                                             ("", "en"), (None, "en")])
def test_language_codes(given, lang):
    assert normalise_language(given) == lang


def test_templates_match_numbers_with_units_and_prefer_the_specific():
    cat = Catalog({"{what} {v:num} required": "{what}：要求 {v}",
                   "{what} {v:num} required by law": "{what}：法规要求 {v}",
                   "pack mass": "电池包质量"})
    assert cat.translate("pack mass 1,200.5 kg required") == "电池包质量：要求 1,200.5 kg"
    assert cat.translate("pack mass −3 °C required by law") == "电池包质量：法规要求 −3 °C"
    assert cat.lookup("pack mass many required") is None


def test_sizing_reasons_with_lowercased_labels():
    zh = translate("tightest requirement: continuous power at the lowest voltage: continuous "
                   "power 12.00 kW ≥ 10.00 kW required; at 40.00 V, cell current limit", "zh_CN")
    assert zh.startswith("最紧的要求：最低电压下的持续功率：持续功率 12.00 kW ≥ 要求值 10.00 kW")
    # a one-word head is a field id and stays as it is
    assert translate("mass: must be positive", "zh_CN") == "mass: 必须为正"
def test_lists_and_lower_case_labels_translate():
    cat = Catalog({"Mass": "质量", "Volume": "体积", "{what} binds": "{what}起约束作用"})
    assert cat.translate("mass") == "质量"  # a label written in lower case inside a sentence
    assert cat.translate("mass, volume binds") == "质量、体积起约束作用"
    assert cat.lookup("MASS") is None
    assert cat.lookup("mass, colour") is None  # a list is translated only when all is known
    zh = translate("Mass, volume bind: no S × P of hina-x meets them", "zh_CN")
    assert zh == "质量、体积为约束条件：hina-x 的任何 S × P 组合都不满足"


def test_a_translation_may_use_only_the_holes_of_its_key():
    assert check_messages({"{what} binds": "{what}起约束作用"}) == {"{what} binds": "{what}起约束作用"}
    with pytest.raises(ValueError, match="unknown holes"):
        check_messages({"{what} binds": "{who}起约束作用"}, "core_zh_CN.toml")
    with pytest.raises(ValueError, match="must map texts to texts"):
        check_messages({"Mass": 3})


# what reads, writes or lists files: the core has none of it (io reads, and hands it values)
FILE_CALLS = {"open", "read_text", "read_bytes", "write_text", "write_bytes", "iterdir",
              "glob", "rglob", "listdir", "scandir", "load", "loadtxt", "genfromtxt", "fromfile"}
FILE_MODULES = {"tomllib", "csv", "pickle", "shelve", "sqlite3", "importlib.resources"}


def file_access(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            f = node.func
            name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(
                f, ast.Attribute) else ""
            if name in FILE_CALLS:
                found.append(f"{name}() at line {node.lineno}")
        elif isinstance(node, ast.Import | ast.ImportFrom):
            mods = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""]
            found += [f"import {m} at line {node.lineno}" for m in mods if m in FILE_MODULES]
    return found


def test_the_core_reads_no_file():
    assert sorted(file_access("import tomllib\nx = open('a').read()\np.read_text()\n")) == [
        "import tomllib at line 1", "open() at line 2", "read_text() at line 3"]
    bad = {str(p.relative_to(CORE)): hits for p in sorted(CORE.rglob("*.py"))
           if (hits := file_access(p.read_text(encoding="utf-8")))}
    assert not bad, bad


def test_every_builtin_duty_cycle_has_a_chinese_name_and_description():
    from naion_designer.core.profiles import builtin_profiles, profile_label

    for pid, bp in builtin_profiles().items():
        for text in (bp.label, bp.description):
            zh = translate(text, "zh_CN")
            assert zh != text and CJK.search(zh), f"{pid}: {text!r} has no zh_CN entry"
        assert profile_label(pid) == bp.label
    assert profile_label("cc:1C") == "cc:1C"
    assert translate("Two-wheeler urban cycle", "zh_CN") == "两轮车城市工况"
