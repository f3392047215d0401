"""`naion compare`: designs side by side, optionally checked against a target or as a PDF."""

from __future__ import annotations

import sys

from .calc import calc_json
from .common import print_json, table
from .targets import check_json


def register(sub) -> None:
    p = sub.add_parser("compare", help="designs side by side")
    p.add_argument("designs", nargs="+", metavar="DESIGN", help="design files (.naion)")
    p.add_argument("--target", metavar="TARGET",
                   help="also check every design against this target")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("-o", "--output", metavar="OUT.pdf", help="write a PDF comparison")
    p.add_argument("--lang", default="en", metavar="en|zh_CN|bilingual",
                   help="language of the PDF comparison: English, Chinese (GB/T terms) or both "
                        "(中文 / English); default en")
    p.set_defaults(func=cmd_compare)


def cmd_compare(args) -> int:
    from ..core.comparison import COMPARE_ROWS, best_index
    from ..core.electrical import calculate
    from ..core.results import RESULT_DEFS, display
    from ..io.design_file import read_design_file
    from ..report.common import ReportOptions, validate_options

    options = ReportOptions(lang=args.lang)
    validate_options(options)
    designs = [read_design_file(p) for p in args.designs]
    results = [calculate(d) for d in designs]
    target = None
    checks = None
    if args.target:
        from ..core.checks import check_design
        from ..io.target_file import load_target

        target = load_target(args.target)
        checks = [check_design(d, target, r) for d, r in zip(designs, results, strict=True)]
    if args.output:
        from ..report.comparison import write_comparison

        write_comparison(designs, args.output, options)
    if args.json:
        out = []
        for k, (d, r) in enumerate(zip(designs, results, strict=True)):
            obj = calc_json(d, r)
            if checks is not None:
                obj["target"] = target.id
                obj["passes"] = all(c.passed for c in checks[k])
                obj["checks"] = [check_json(c) for c in checks[k]]
            out.append(obj)
        print_json(out)
        return 0
    names = [f"{i + 1}: {d.name[:28]}" for i, d in enumerate(designs)]
    rows = [["cell", *[d.cell.id for d in designs], ""],
            ["S × P", *[f"{d.series}S{d.parallel}P" for d in designs], ""]]
    for name in COMPARE_ROWS:
        if not any(name in r for r in results):
            continue
        d = RESULT_DEFS[name]
        vals, unit = [], ""
        for r in results:
            if name in r:
                num, unit = display(name, r[name])
                vals.append(num)
            else:
                vals.append("–")
        best = best_index(name, results)
        if best is not None and len(designs) > 1:
            vals[best] = "*" + vals[best]
        rows.append([f"{d.label} ({unit})" if unit else d.label, *vals, ""])
    if checks is not None:
        rows.append([f"passes {target.id}",
                     *["yes" if all(c.passed for c in cs) else "no" for cs in checks], ""])
    header = ["", *names, ""]
    sys.stdout.write(table([r[:-1] for r in rows], header[:-1], "l" + "r" * len(designs)))
    if len(designs) > 1:
        print("* best of the row")
    if checks is not None:
        for d, cs in zip(designs, checks, strict=True):
            failed = [c for c in cs if not c.passed]
            if failed:
                print(f"{d.name}: fails " + "; ".join(f"{c.label.lower()}: {c.reason}"
                                                      for c in failed))
    if args.output:
        print(f"wrote {args.output}")
    return 0
