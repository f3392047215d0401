"""`naion layout DESIGN -o OUT.dxf|OUT.svg`: the layout for CAD, and `--arrangements` to list
the ranked arrangements of a design's cells (optionally for a box).

Only argparse at import time."""

from __future__ import annotations

import sys


def cmd_layout(args) -> int:
    from ..core.units import InputError, parse_quantity
    from ..io.design_file import read_design_file

    design = read_design_file(args.design)
    if args.arrangements:
        from ..core.layout import arrangements

        envelope = None
        if args.box:
            parts = [p.strip() for p in args.box.split("x")]
            if len(parts) != 3:
                raise InputError("--box", f"expected LENGTHxWIDTHxHEIGHT such as "
                                          f"'600mmx400mmx200mm', got '{args.box}'")
            envelope = tuple(parse_quantity(p, "length", "--box") for p in parts)
        envelope = envelope or design.layout.envelope
        ranked = arrangements(design, envelope, modules=tuple(range(1, args.max_modules + 1)),
                              limit=args.top)
        for k, c in enumerate(ranked, 1):
            a = c.arrangement
            fit = "" if envelope is None else (" fits" if c.fits else " misses by " + ", ".join(
                f"{n} {v * 1e3:.0f} mm" for n, v in zip(("L", "W", "H"), c.shortfall,
                                                          strict=True) if v > 0))
            print(f"{k:>3}. blocks {a.group_shape[0]}×{a.group_shape[1]}, "
                  f"{a.groups_per_row} per row, {a.modules} module(s)"
                  + (" in {}×{}".format(*a.module_grid) if a.modules > 1 else "")
                  + f", rotation {a.rotation}°: "
                  f"{c.length * 1e3:.0f} × {c.width * 1e3:.0f} × {c.height * 1e3:.0f} mm, "
                  f"{c.volume * 1e3:.1f} L"
                  + (f", {c.empty_slots} empty slot(s)" if c.empty_slots else "") + fit)
        if args.output is None:
            return 0
    if args.output is None:
        raise InputError("-o", "give the file to write (OUT.dxf or OUT.svg) or --arrangements")
    from ..io.layout_export import export_layout

    path = export_layout(design, args.output)
    print(f"wrote {path}: layout of {design.name} ({design.cell_count} cells, mm)",
          file=sys.stdout)
    return 0


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "layout", help="the layout as DXF or SVG (to scale, mm), or ranked arrangements",
        description="Write the top view of a design's layout for CAD: DXF or SVG by the file's "
                    "suffix, to scale in mm, with the layers ENVELOPE, CELLS, GROUP_NUMBERS, "
                    "BUSBARS, SERIES_PATH and TERMINALS.  With --arrangements, list the "
                    "arrangements of the design's cells, best first (for --box: those that fit "
                    "first).")
    p.add_argument("design", metavar="DESIGN", help="a design file (.naion)")
    p.add_argument("-o", "--output", metavar="OUT.dxf|OUT.svg", help="the file to write")
    p.add_argument("--arrangements", action="store_true",
                   help="list the ranked arrangements (block shape, groups per row, modules, "
                        "rotation) instead of, or besides, writing a file")
    p.add_argument("--box", metavar="LxWxH",
                   help="with --arrangements: the envelope to fit, e.g. 600mmx400mmx200mm "
                        "(default: the design's layout.envelope)")
    p.add_argument("--max-modules", type=int, default=1, metavar="N",
                   help="with --arrangements: try 1 to N modules (default 1)")
    p.add_argument("--top", type=int, default=10, metavar="N",
                   help="with --arrangements: how many to list (default 10)")
    p.set_defaults(func=cmd_layout)
