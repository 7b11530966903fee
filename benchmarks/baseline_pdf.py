"""The PDF yardstick: bare ReportLab printing the member table of a proposal.

    .venv/bin/python benchmarks/baseline_pdf.py FILE.ssa.json -o OUT.pdf

The same table as the members section of ``ssa-wizard pdf`` (organisation with
acronym and city, category, role, PIC, role and added value with expertise), with
paragraph cells, a repeated header row and zebra rows, in the same embedded
DejaVu Sans (all four faces, from resources/fonts/), on A4. It reads the file with
``json`` only: no validation, no rules, no translations, no cover, grid,
activities, timeline or findings. What ``ssa-wizard pdf`` costs beyond this is
the price of our document.
"""

import argparse
import json
import sys
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

FONTS = Path(__file__).resolve().parent.parent / "resources" / "fonts"
FACES = {"DejaVuSans": "DejaVuSans.ttf", "DejaVuSans-Bold": "DejaVuSans-Bold.ttf",
         "DejaVuSans-Oblique": "DejaVuSans-Oblique.ttf",
         "DejaVuSans-BoldOblique": "DejaVuSans-BoldOblique.ttf"}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("-o", "--output", required=True)
    args = parser.parse_args(argv)
    for face, file_name in FACES.items():
        pdfmetrics.registerFont(TTFont(face, str(FONTS / file_name)))
    pdfmetrics.registerFontFamily("DejaVuSans", normal="DejaVuSans", bold="DejaVuSans-Bold",
                                  italic="DejaVuSans-Oblique", boldItalic="DejaVuSans-BoldOblique")
    data = json.loads(Path(args.file).read_text(encoding="utf-8"))

    cell = ParagraphStyle("cell", fontName="DejaVuSans", fontSize=8.5, leading=11)
    small = ParagraphStyle("small", cell, fontSize=7.5, leading=9.5, textColor=colors.grey)
    head = ParagraphStyle("head", cell, fontName="DejaVuSans-Bold", fontSize=8, leading=10)
    rows = [[Paragraph(t, head) for t in ("Organisation", "Category", "Role", "PIC",
                                          "Role and added value")]]
    for member in data["partners"]:
        details = " · ".join(escape(x) for x in (member["acronym"], member["city"]) if x)
        value = [Paragraph(escape(member["role_description"]) or "Not described yet", cell)]
        if member["expertise"]:
            value.append(Paragraph("<i>Expertise:</i> " + escape(member["expertise"]), small))
        rows.append([
            Paragraph(f"<b>{escape(member['name'])}</b><br/><font size=7.5>{details}</font>", cell),
            Paragraph(escape(member["category"]), cell),
            Paragraph(escape(member["role"]), cell),
            Paragraph(escape(member["pic"]) or "–", cell),
            value,
        ])
    margin = 18 * mm
    widths = [48 * mm, 25 * mm, 23 * mm, 21 * mm]
    widths.append(A4[0] - 2 * margin - sum(widths))
    table = Table(rows, colWidths=widths, repeatRows=1, style=TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.lightgrey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8edf3")),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f6f8fa")]),
    ]))
    doc = SimpleDocTemplate(args.output, pagesize=A4, leftMargin=margin, rightMargin=margin,
                            topMargin=24 * mm, bottomMargin=22 * mm)
    doc.build([table])
    return 0


if __name__ == "__main__":
    sys.exit(main())
