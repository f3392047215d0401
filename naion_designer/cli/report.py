"""`naion report DESIGN -o OUT.pdf`: the PDF spec sheet of a design (see CONTRACT.md).

Only argparse at import time: reportlab, numpy and pint are imported when the command runs.
"""

from __future__ import annotations

import sys

UNIT_PRESETS = {
    "si": {},
    "metric": {},
    "imperial": {"length": "in", "mass": "lb", "volume": "ft**3", "temperature": "degF",
                 "specific_energy": "W*h/lb", "energy_density": "W*h/in**3",
                 "heat_transfer_coefficient": "Btu/(h*ft**2*delta_degF)",
                 "specific_heat": "Btu/(lb*delta_degF)"},
}


def parse_units(text: str | None) -> dict[str, str]:
    """'imperial', or 'length=in,mass=lb' (kinds and units as the GUI offers them)."""
    from ..core.units import InputError

    if not text:
        return {}
    out: dict[str, str] = {}
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        if part.lower() in UNIT_PRESETS:
            out.update(UNIT_PRESETS[part.lower()])
            continue
        if "=" not in part:
            raise InputError("--units", f"expected si, imperial or KIND=UNIT pairs such as "
                                        f"'length=in,mass=lb', got '{part}'")
        kind, unit = (x.strip() for x in part.split("=", 1))
        out[kind] = unit
    # names and units are checked with the other options by report.common.validate_options
    return out


def options_from_args(args):
    """ReportOptions from the common report options (used by `report`, usable by `compare`)."""
    from ..report.common import ReportOptions, validate_options

    paper = {"a4": "A4", "letter": "letter"}.get(str(args.paper).lower())
    if paper is None:
        from ..core.units import InputError

        raise InputError("--paper", f"expected A4 or letter, got '{args.paper}'")
    opts = ReportOptions(customer=args.customer or "", project=args.project or "",
                         revision=args.revision or "", author=args.author or "",
                         company=args.company or "", logo=args.logo or "", paper=paper,
                         date=args.date or "", units=parse_units(args.units),
                         notes=tuple(args.note or ()), include_cost=bool(args.cost),
                         title=args.title or "", lang=args.lang)
    validate_options(opts)
    return opts


def add_report_options(p) -> None:
    p.add_argument("--customer", metavar="NAME",
                   help="the customer the sheet is for (default for this and the next four: "
                        "the design's metadata)")
    p.add_argument("--project", metavar="NAME", help="project name or number")
    p.add_argument("--revision", metavar="REV", help="document revision (e.g. A, 1.2)")
    p.add_argument("--author", metavar="NAME", help="who prepared the sheet")
    p.add_argument("--company", metavar="NAME", help="your company name for the title block")
    p.add_argument("--logo", metavar="IMAGE", help="company logo (PNG or JPEG)")
    p.add_argument("--paper", default="A4", metavar="A4|letter", help="paper size (default A4)")
    p.add_argument("--units", metavar="UNITS",
                   help="display units: 'imperial' or KIND=UNIT pairs, e.g. "
                        "'length=in,mass=lb' (default: as `naion calc`)")
    p.add_argument("--date", metavar="YYYY-MM-DD",
                   help="date printed on the sheet and stored in the PDF (default: the design's "
                        "metadata date, SOURCE_DATE_EPOCH or today)")
    p.add_argument("--title", metavar="TEXT", help="document title (default: the design name)")
    p.add_argument("--note", action="append", metavar="TEXT",
                   help="an extra note for the notes section (repeatable)")
    p.add_argument("--cost", action="store_true", help="include the cell cost figures")
    p.add_argument("--lang", default="en", metavar="en|zh_CN|bilingual",
                   help="language of the sheet: English, Chinese (GB/T terms) or both "
                        "(中文 / English); default en")


def cmd_report(args) -> int:
    from ..core.units import InputError
    from ..io.design_file import read_design_file

    if not str(args.output).lower().endswith(".pdf"):
        raise InputError("-o", f"the output must be a .pdf file, got '{args.output}'")
    opts = options_from_args(args)
    design = read_design_file(args.design)
    from ..report.common import write_pdf
    from ..report.spec_sheet import spec_sheet_bytes

    data = spec_sheet_bytes(design, opts)
    write_pdf(data, args.output)
    print(f"wrote {args.output}: spec sheet of {design.name} ({len(data) // 1024} kB)",
          file=sys.stdout)
    return 0


def register(subparsers) -> None:
    p = subparsers.add_parser("report", help="PDF spec sheet of a design",
                              description="Write the PDF spec sheet of a design: title block, "
                                          "headline figures, electrical, mechanical and thermal "
                                          "tables, layout drawing, curves, target check, "
                                          "transport and standards.")
    p.add_argument("design", metavar="DESIGN", help="a design file (.naion)")
    p.add_argument("-o", "--output", required=True, metavar="OUT.pdf", help="the PDF to write")
    add_report_options(p)
    p.set_defaults(func=cmd_report)
