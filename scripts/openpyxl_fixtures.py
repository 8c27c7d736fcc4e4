#!/usr/bin/python3
"""Workbooks written by openpyxl for tiendo's fixtures, and two chores for the other writers.

Called by scripts/make-fixtures.js (run it with Debian's /usr/bin/python3, which has python3-openpyxl):

  openpyxl_fixtures.py write JOBS.json       write each {out, grid} job (grid as made by fixture-kit.js gridJson)
  openpyxl_fixtures.py normalize FILE...     rewrite xlsx zips with fixed timestamps, so regenerating is byte-stable
  openpyxl_fixtures.py dump FILE...          print every cell as openpyxl reads it (JSON), to check the writers

openpyxl is here because it is not exceljs: a register written by a second program catches what one
library's round trip would hide (shared strings, styles, the 1904 epoch, ISO date cells).
"""
import datetime
import io
import json
import re
import sys
import zipfile

import openpyxl
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils.datetime import CALENDAR_MAC_1904

FIXED = (2024, 10, 5, 0, 0, 0)
THIN = Side(style="thin")


def to_date(iso):
    y, m, d = (int(x) for x in iso.split("-"))
    return datetime.datetime(y, m, d)


def write(job):
    g = job["grid"]
    wb = openpyxl.Workbook()
    if g["date1904"]:
        wb.epoch = CALENDAR_MAC_1904
    if g["isoDates"]:
        wb.iso_dates = True
    wb.properties.creator = "tiendo fixtures"
    wb.properties.created = datetime.datetime(*FIXED)
    wb.properties.modified = datetime.datetime(*FIXED)
    ws = wb.active
    ws.title = g["sheetName"]
    for i, w in enumerate(g["widths"]):
        ws.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width = w
    for r, row in enumerate(g["rows"], start=1):
        for c, cell in enumerate(row, start=1):
            if cell is None:
                continue
            t = cell["t"]
            xc = ws.cell(row=r, column=c)
            if t in ("s", "n"):
                xc.value = cell["v"]
            elif t == "serial":
                # a date cell: with iso_dates a real ISO cell, else the serial number in a date format
                xc.value = to_date(cell["iso"]) if g["isoDates"] else cell["v"]
            elif t == "formula":
                xc.value = "=" + cell["formula"]
            else:
                raise SystemExit("cell type not supported by openpyxl writer: " + t)
            if cell.get("fmt"):
                xc.number_format = cell["fmt"]
            elif t == "serial":
                xc.number_format = "dd/mm/yyyy"
            f = cell.get("font") or {}
            xc.font = Font(name=f.get("name", g["font"]), size=f.get("size", 12), bold=f.get("bold", False), italic=f.get("italic", False))
            if cell.get("align") or cell.get("wrap") or (isinstance(cell["v"], str) and "\n" in cell["v"]):
                xc.alignment = Alignment(horizontal=cell.get("align"), vertical="center", wrap_text=True)
            if cell.get("border"):
                xc.border = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
    for r1, c1, r2, c2 in g["merges"]:
        ws.merge_cells(start_row=r1, start_column=c1 + 1, end_row=r2, end_column=c2 + 1)
    wb.save(job["out"])
    for patch in g.get("patchNumFmt") or []:
        patch_numfmt(job["out"], patch["code"], patch["id"])


def patch_numfmt(path, code, builtin_id):
    """Turn a custom number format into a built-in id (27–36 are the East Asian date formats, which
    files from Excel in those locales carry with no formatCode at all)."""
    with zipfile.ZipFile(path) as z:
        entries = [(i, z.read(i.filename)) for i in z.infolist()]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in entries:
            if info.filename == "xl/styles.xml":
                xml = data.decode("utf-8")
                esc = code.replace('"', "&quot;")
                m = re.search(r'<numFmt numFmtId="(\d+)" formatCode="' + re.escape(esc) + r'"\s*/>', xml)
                if not m:
                    raise SystemExit("format to patch not found: " + code)
                custom = m.group(1)
                xml = xml.replace(m.group(0), "")
                xml = re.sub(r'<numFmts count="\d+">\s*</numFmts>', "", xml)
                xml = xml.replace('numFmtId="%s"' % custom, 'numFmtId="%d"' % builtin_id)
                data = xml.encode("utf-8")
            z.writestr(info, data)
    with open(path, "wb") as f:
        f.write(out.getvalue())


def normalize(path):
    """Same entries, same order, same methods, fixed timestamps and document dates: regenerating gives the same bytes (xlsx, ods)."""
    with zipfile.ZipFile(path) as z:
        entries = [(i.filename, i.compress_type, z.read(i.filename)) for i in z.infolist()]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, compress_type, data in entries:
            if name == "docProps/core.xml":
                xml = data.decode("utf-8")
                xml = re.sub(r"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)", r"\g<1>2024-10-05T00:00:00Z\2", xml)
                data = xml.encode("utf-8")
            info = zipfile.ZipInfo(name, FIXED)
            # keep each entry's method: an .ods must start with a stored (uncompressed) mimetype
            info.compress_type = compress_type
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    with open(path, "wb") as f:
        f.write(out.getvalue())


def dump(path):
    wb = openpyxl.load_workbook(path)
    sheets = []
    for ws in wb.worksheets:
        rows = {}
        for row in ws.iter_rows():
            for c in row:
                v = c.value
                if v is None:
                    continue
                if isinstance(v, datetime.datetime):
                    v = {"date": v.strftime("%Y-%m-%d")}
                elif isinstance(v, datetime.date):
                    v = {"date": v.isoformat()}
                elif hasattr(v, "__str__") and not isinstance(v, (int, float, str)):
                    v = str(v)
                rows.setdefault(str(c.row), {})[str(c.column - 1)] = {"v": v, "fmt": c.number_format, "font": c.font.name}
        sheets.append({"name": ws.title, "rows": rows, "epoch1904": wb.epoch == CALENDAR_MAC_1904})
    return {"file": path, "sheets": sheets}


def main(argv):
    cmd = argv[1]
    if cmd == "write":
        with open(argv[2], encoding="utf-8") as f:
            for job in json.load(f):
                write(job)
    elif cmd == "normalize":
        for p in argv[2:]:
            normalize(p)
    elif cmd == "dump":
        print(json.dumps([dump(p) for p in argv[2:]], ensure_ascii=False))
    else:
        raise SystemExit("usage: openpyxl_fixtures.py write JOBS.json | normalize FILE... | dump FILE...")


if __name__ == "__main__":
    main(sys.argv)
