#!/usr/bin/env bash
# A template written by tiendo and filled in by openpyxl (Debian's python3-openpyxl), committed as
# fixtures/template/07800-filled.xlsx: the round trip through another program (issue 6).
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build >/dev/null
tmp=$(mktemp -d)
node bin/tiendo.js template --unit 07800 --units fixtures/template/units.csv --roster fixtures/template/roster.csv \
  --year 2024 --as-of 2024-09-30 --out "$tmp/template.xlsx"
/usr/bin/python3 scripts/fill_template_openpyxl.py "$tmp/template.xlsx" fixtures/template/registers/07800-filled.xlsx
echo "wrote fixtures/template/registers/07800-filled.xlsx"
