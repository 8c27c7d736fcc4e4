// SPEC §6, "a picture and a page": the province's summary carries native charts whose series are the
// cells of its tables (read back by openpyxl), and `rollup --pdf` prints, beside each workbook, the
// pages that get signed — looked at as text (pdftotext) and as pixels (pdftoppm). One rollup with
// --pdf, its outputs looked at by every test. Without LibreOffice, --pdf is a usage error.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPORT_TITLE } from '../../src/write/summary.js';
import { at } from '../helpers/at.js';
import { tiendo } from '../helpers/cli.js';
import { countColour, readPng } from '../helpers/png.js';
import { hasSoffice } from '../helpers/soffice.js';
import { hasPoppler, openpyxlPython } from '../helpers/tools.js';

const PROVINCE = fileURLToPath(new URL('../../fixtures/province/', import.meta.url));

const pages = (pdf: string): number => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
const text = (pdf: string, page?: number): string =>
  execFileSync('pdftotext', [...(page ? ['-f', String(page), '-l', String(page)] : []), pdf, '-'], { encoding: 'utf8' });

const WHY =
  hasSoffice && hasPoppler
    ? ''
    : ` — skipped: ${hasSoffice ? '' : 'LibreOffice (soffice) '}${hasPoppler ? '' : 'poppler (pdftotext, pdftoppm) '}not installed`;

describe.skipIf(!hasSoffice || !hasPoppler)(`rollup fixtures/province --pdf${WHY}`, () => {
  const out = mkdtempSync(join(tmpdir(), 'tiendo-rollup-pdf-'));
  const r =
    hasSoffice && hasPoppler
      ? tiendo(['rollup', 'registers', '--out', out, '--period', '2024-Q3', '--as-of', '2024-09-30', '--format', 'json', '--pdf'], {
          cwd: PROVINCE,
        })
      : { status: null, stdout: '', stderr: '' };
  const json = r.stdout
    ? (JSON.parse(r.stdout) as { files: { unit: string; path: string }[]; pdfs?: { unit: string; path: string }[] })
    : { files: [] };
  const province = join(out, '24-bac-giang.pdf');

  it('writes a PDF beside each workbook, a few pages each, saying so on stderr as each is done', () => {
    expect(r.status).toBe(1);
    expect(json.files.length).toBe(5);
    // the JSON lists the PDFs too, one a workbook
    expect(json.pdfs).toEqual(json.files.map((f) => ({ unit: f.unit, path: f.path.replace(/\.xlsx$/, '.pdf') })));
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(json.files.length);
    lines.forEach((line, i) => expect(line).toMatch(new RegExp(`^tiendo: PDF ${i + 1}/5: đã ghi ${out}/\\d+-[a-z-]+\\.pdf$`)));
    const counts = Object.fromEntries(json.files.map((f) => [f.path.split('/').pop(), pages(f.path.replace(/\.xlsx$/, '.pdf'))]));
    // Tổng hợp and its chart, Theo lĩnh vực and its chart, Quá hạn: a page each
    expect(counts).toEqual({
      '24-bac-giang.xlsx': 5,
      '213-luc-nam.xlsx': 5,
      '215-lang-giang.xlsx': 5,
      '217-hiep-hoa.xlsx': 5,
      '219-bac-giang.xlsx': 5,
    });
    // nothing else left in the folder: the copies and LibreOffice's profiles were temporary
    expect(readdirSync(out).sort()).toEqual(
      json.files
        .flatMap((f) => [f.path, f.path.replace(/\.xlsx$/, '.pdf')])
        .map((p) => p.split('/').pop())
        .sort(),
    );
  });

  it('prints the report, its total and the signed sheets only — no Chi tiết', () => {
    const all = text(province);
    expect(text(province, 1)).toContain(REPORT_TITLE);
    expect(text(province, 1)).toContain('Tổng cộng');
    expect(text(province, 1)).toContain('T/M BAN TỔ CHỨC');
    expect(all).toContain('KẾT QUẢ THỰC HIỆN THEO LĨNH VỰC VÀ LOẠI VIỆC');
    expect(all).toContain('DANH SÁCH VIỆC CHƯA HOÀN THÀNH, QUÁ HẠN');
    for (const absent of [
      'DANH MỤC VIỆC ĐĂNG KÝ VÀ KẾT QUẢ THỰC HIỆN',
      'Tệp nguồn',
      'THEO CÁN BỘ',
      'DANH SÁCH LỖI DỮ LIỆU',
      'DANH SÁCH ĐƠN VỊ CHƯA NỘP',
    ]) {
      expect(all).not.toContain(absent);
    }
    expect(all).toContain('Tỷ lệ hoàn thành và tỷ lệ đúng hạn của các đơn vị — Quý III năm 2024');
  });

  it('draws the charts on the pages after their tables: bars where the chart stands, none on the signed page', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tiendo-pdf-png-'));
    execFileSync('pdftoppm', ['-r', '50', '-png', province, join(dir, 'p')]);
    const images = readdirSync(dir)
      .filter((f) => f.endsWith('.png'))
      .sort()
      .map((f) => readPng(join(dir, f)));
    expect(images).toHaveLength(5);
    // the completion rate's dark blue bars, in the chart's area below the repeated header row
    const chartArea = { x0: 0.05, y0: 0.2, x1: 0.95, y1: 0.9 };
    const navy = images.map((img) => countColour(img, '1F4E79', chartArea));
    const red = images.map((img) => countColour(img, 'C00000', chartArea));
    const page = (img: (typeof images)[number]): number => img.width * img.height;
    expect(at(navy, 1) / page(at(images, 1, 'page')), 'the rates chart on page 2').toBeGreaterThan(0.005);
    expect(at(red, 3) / page(at(images, 3, 'page')), 'the classes chart on page 4').toBeGreaterThan(0.0005);
    expect(
      navy.filter((n, i) => i !== 1 && n > 50),
      'no other page has the rates chart',
    ).toEqual([]);
    expect(
      red.filter((n, i) => i !== 3 && n > 50),
      'no other page has the classes chart',
    ).toEqual([]);
  });

  it.skipIf(!openpyxlPython)("writes workbooks openpyxl reads with each chart on its sheet, its series the table's cells", () => {
    const script = [
      'import sys, json, warnings, openpyxl',
      "warnings.filterwarnings('ignore', message='.*extension is not supported.*')",
      'wb = openpyxl.load_workbook(sys.argv[1])',
      'def cells(f):',
      "    sheet, ref = f.split('!')",
      '    ws = wb[sheet.strip("\'")]',
      '    got = ws[ref.replace("$", "")]',
      '    return [c.value for row in got for c in row] if ":" in ref else [got.value]',
      'out = {"active": wb.active.title, "charts": {}}',
      'for ws in wb.worksheets:',
      '    for c in ws._charts:',
      '        out["charts"].setdefault(ws.title, []).append({"grouping": c.grouping, "title": "".join(r.t for p in c.title.tx.rich.p for r in (p.r or [])),',
      '            "series": [{"name": s.tx.strRef.f, "nameCell": cells(s.tx.strRef.f)[0], "cat": s.cat.strRef.f, "val": s.val.numRef.f,',
      '                "labels": cells(s.cat.strRef.f), "cells": cells(s.val.numRef.f),',
      '                "cached": {p.idx: p.v for p in s.val.numRef.numCache.pt}} for s in c.series]})',
      '    if ws.title == "Tổng hợp": out["after"] = ws.cell(row=int(out["charts"]["Tổng hợp"][0]["series"][0]["val"].split("$")[-1]) + 1, column=2).value',
      'print(json.dumps(out, ensure_ascii=False))',
    ].join('\n');
    const got = JSON.parse(execFileSync(openpyxlPython!, ['-c', script, join(out, '24-bac-giang.xlsx')], { encoding: 'utf8' }));
    expect(got.active).toBe('Tổng hợp');
    expect(Object.keys(got.charts)).toEqual(['Tổng hợp', 'Theo lĩnh vực']);
    const [rates] = got.charts['Tổng hợp'];
    expect(rates.grouping).toBe('clustered');
    expect(rates.title).toBe('Tỷ lệ hoàn thành và tỷ lệ đúng hạn của các đơn vị — Quý III năm 2024');
    // the unit rows of the table in its order (the own register first), the row after them Tổng cộng
    expect(rates.series.map((s: { name: string; val: string }) => [s.name, s.val])).toEqual([
      ["'Tổng hợp'!$K$9", "'Tổng hợp'!$K$10:$K$15"],
      ["'Tổng hợp'!$L$9", "'Tổng hợp'!$L$10:$L$15"],
    ]);
    expect(rates.series[0].nameCell).toBe('Tỷ lệ hoàn thành (%)');
    expect(rates.series[0].cat).toBe("'Tổng hợp'!$B$10:$B$15");
    expect(rates.series[0].labels).toEqual([
      'Cơ quan Tỉnh ủy (đăng ký riêng)',
      'Ban Tổ chức Tỉnh ủy',
      'Huyện Lục Nam',
      'Huyện Lạng Giang',
      'Huyện Hiệp Hòa',
      'Thành phố Bắc Giang',
    ]);
    expect(got.after).toBe('Tổng cộng');
    const [classes] = got.charts['Theo lĩnh vực'];
    expect(classes.grouping).toBe('stacked');
    expect(classes.series.map((s: { nameCell: string }) => s.nameCell)).toEqual([
      'Hoàn thành đúng hạn',
      'Hoàn thành quá hạn',
      'Chưa hoàn thành, trong hạn',
      'Chưa hoàn thành, quá hạn',
      'Dừng, hủy',
      'Chưa xác định',
    ]);
    expect(classes.series[0].cat).toMatch(/^'Theo lĩnh vực'!\$B\$6:\$B\$\d+$/);
    // each series' cached values are its cells' (a rate shown as "-" is no point)
    for (const s of [...rates.series, ...classes.series] as { cells: unknown[]; cached: Record<string, number> }[]) {
      const fromCells = Object.fromEntries(s.cells.flatMap((v, i) => (typeof v === 'number' ? [[i, v]] : [])));
      expect(s.cached).toEqual(fromCells);
    }
  });
});

describe('rollup --pdf without LibreOffice', () => {
  it('is a usage error before anything is read, saying how to install it', () => {
    const out = mkdtempSync(join(tmpdir(), 'tiendo-rollup-nopdf-'));
    // a PATH of an empty folder (node is run by its full path); the registers named do not exist: reading them would say so instead
    const empty = mkdtempSync(join(tmpdir(), 'tiendo-empty-path-'));
    for (const lang of ['vi', 'en']) {
      const r = tiendo(['rollup', 'khong-co/*.xlsx', '--out', out, '--pdf', '--lang', lang], { cwd: PROVINCE, env: { PATH: empty } });
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(
        lang === 'vi'
          ? /^tiendo: --pdf cần LibreOffice \(soffice\).*sudo apt install libreoffice-calc/
          : /^tiendo: --pdf needs LibreOffice \(soffice\).*libreoffice\.org/,
      );
      expect(existsSync(join(out, '24-bac-giang.xlsx'))).toBe(false);
    }
  });
});
