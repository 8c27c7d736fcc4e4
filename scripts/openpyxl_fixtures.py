#!/usr/bin/python3
"""Workbooks written by openpyxl for tiendo's fixtures, and two chores for the other writers.

Called by scripts/make-fixtures.js (run it with Debian's /usr/bin/python3, which has python3-openpyxl):

  openpyxl_fixtures.py write JOBS.json       write each {out, grid, writer?} job (grid as made by fixture-kit.js gridJson;
                                             writer "xlsxwriter" for python3-xlsxwriter, else openpyxl)
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
    for extra in g.get("extraSheets") or []:
        # the lists behind drop-downs (often hidden, often first) and instructions (Hướng dẫn)
        other = wb.create_sheet(extra["name"], 0 if extra.get("first") else None)
        for r, row in enumerate(extra["rows"], start=1):
            for c, v in enumerate(row, start=1):
                if v is not None:
                    other.cell(row=r, column=c).value = v
        other.sheet_state = extra.get("state") or "visible"
    wb.active = wb.sheetnames.index(g["sheetName"])
    wb.save(job["out"])
    for patch in g.get("patchNumFmt") or []:
        patch_numfmt(job["out"], patch["code"], patch["id"])


def write_xlsxwriter(job):
    """The same grid written by XlsxWriter (python3-xlsxwriter), in constant_memory mode when asked:
    then every string is an inline string (t="inlineStr") and rows are written once, in order."""
    import xlsxwriter

    g = job["grid"]
    wb = xlsxwriter.Workbook(job["out"], {"constant_memory": bool(g.get("constantMemory")), "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False})
    wb.set_properties({"author": "tiendo fixtures", "created": datetime.datetime(*FIXED)})
    if g["date1904"]:
        wb.use_1904_epoch = True  # not used by the fixtures; kept for symmetry with the openpyxl writer
    formats = {}

    def fmt(cell, border):
        f = cell.get("font") or {}
        key = (cell.get("fmt") or ("dd/mm/yyyy" if cell["t"] == "serial" else None), f.get("name", g["font"]), f.get("size", 12), bool(f.get("bold")), bool(f.get("italic")), border, cell.get("align"), bool(cell.get("wrap")) or (isinstance(cell["v"], str) and "\n" in cell["v"]))
        if key not in formats:
            props = {"font_name": key[1], "font_size": key[2], "bold": key[3], "italic": key[4]}
            if key[0]:
                props["num_format"] = key[0]
            if border:
                props["border"] = 1
            if key[6]:
                props["align"] = key[6]
            if key[7]:
                props["text_wrap"] = True
                props["valign"] = "vcenter"
            formats[key] = wb.add_format(props)
        return formats[key]

    extras = g.get("extraSheets") or []

    def add_extra(extra):
        other = wb.add_worksheet(extra["name"])
        for r, row in enumerate(extra["rows"]):
            for c, v in enumerate(row):
                if v is not None:
                    other.write(r, c, v)
        if (extra.get("state") or "visible") != "visible":
            other.hide()

    for extra in extras:
        if extra.get("first"):
            add_extra(extra)
    ws = wb.add_worksheet(g["sheetName"])
    ws.activate()
    for i, w in enumerate(g["widths"]):
        ws.set_column(i, i, w)
    for r, row in enumerate(g["rows"]):
        for c, cell in enumerate(row):
            if cell is None:
                continue
            t = cell["t"]
            f = fmt(cell, cell.get("border"))
            if t == "s":
                ws.write_string(r, c, cell["v"], f)
            elif t in ("n", "serial"):
                ws.write_number(r, c, cell["v"], f)
            elif t == "formula":
                ws.write_formula(r, c, "=" + cell["formula"], f, cell["v"])
            else:
                raise SystemExit("cell type not supported by the xlsxwriter writer: " + t)
    # Merges last: in constant_memory mode the cells of rows already written are not written again,
    # only the merged ranges are recorded.
    for r1, c1, r2, c2 in g["merges"]:
        master = g["rows"][r1 - 1][c1]
        ws.merge_range(r1 - 1, c1, r2 - 1, c2, master["v"] if master else "", fmt(master, master.get("border")) if master else None)
    for extra in extras:
        if not extra.get("first"):
            add_extra(extra)
    wb.close()


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
                if job.get("writer") == "xlsxwriter":
                    write_xlsxwriter(job)
                else:
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
