"""Fills a tiendo template with openpyxl, as another program than exceljs would (SPEC issue 6).

Run by scripts/make-template-fixture.sh; writes fixtures/template/<code>-filled.xlsx.
"""
import datetime
import sys

import openpyxl

src, dst = sys.argv[1], sys.argv[2]
wb = openpyxl.load_workbook(src)
ws = wb["Danh mục"]

# Find the header row and the columns by their canonical headers.
header_row = next(r for r in range(1, 31) if ws.cell(r, 1).value == "STT")
cols = {ws.cell(header_row, c).value: c for c in range(1, ws.max_column + 1) if ws.cell(header_row, c).value}
first = header_row + 2  # the column-number row sits under the header

rows = [
    {"STT": 1, "Nội dung công việc": "Xóa nhà tạm, nhà dột nát cho hộ nghèo", "Loại việc": "Việc khó",
     "Lĩnh vực": "Văn hóa - Xã hội", "Người chịu trách nhiệm": "Nguyễn Văn An",
     "Ngày giao": datetime.date(2024, 1, 15), "Thời hạn hoàn thành": "Quý IV/2024",
     "Chỉ tiêu": 13, "Đơn vị tính": "nhà", "Kết quả đạt được": 9, "Tình trạng": "Đang thực hiện"},
    {"STT": 2, "Nội dung công việc": "Giải quyết dứt điểm đơn thư tồn đọng về đất đai", "Loại việc": "Vấn đề bức xúc, nổi cộm",
     "Lĩnh vực": "Nội chính", "Người chịu trách nhiệm": "Đ/c Trần Thị Hà - Chủ tịch UBND xã",
     "Ngày giao": datetime.date(2024, 1, 15), "Thời hạn hoàn thành": datetime.date(2024, 6, 30),
     "Tiến độ (%)": 100, "Tình trạng": "Đã hoàn thành", "Ngày hoàn thành": datetime.date(2024, 6, 20)},
    {"STT": 3, "Nội dung công việc": "Kết nạp 5 đảng viên mới", "Loại việc": "Nhiệm vụ trọng tâm",
     "Lĩnh vực": "Xây dựng Đảng", "Người chịu trách nhiệm": "Nguyễn Văn An",
     "Ngày giao": datetime.date(2024, 2, 1), "Thời hạn hoàn thành": datetime.date(2024, 8, 31),
     "Tiến độ (%)": 100, "Tình trạng": "Đã hoàn thành", "Ngày hoàn thành": datetime.date(2024, 9, 10)},
]
for i, values in enumerate(rows):
    for header, value in values.items():
        cell = ws.cell(first + i, cols[header])
        cell.value = value
        if isinstance(value, datetime.date):
            cell.number_format = "dd/mm/yyyy"
wb.save(dst)
