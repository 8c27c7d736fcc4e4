// The two CSV registers beside the inputs: units.csv and roster.csv (SPEC §2.1, §2.2).
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { compareCodes } from '../domain/codes.js';
import { UsageError } from '../errors.js';
import { clean, fold, nameKey } from './text.js';
import { parseDate } from './values.js';
import type { Cadre, IsoDate, Roster, Unit, UnitTree } from '../types.js';
import { decodeText, detectDelimiter, recordDelimiter, splitCsv } from '../read/csv.js';

interface Table {
  path: string;
  /** folded header → index */
  header: Map<string, number>;
  rows: { line: number; values: string[] }[];
}

function readTable(path: string, required: string[]): Table {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (e) {
    throw new UsageError(`Không đọc được ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  const text = decodeText(buf);
  const delimiter = detectDelimiter(text);
  const rd = recordDelimiter(text);
  // Text whose quotes all open and close cleanly is split here; anything else csv-parse reads, strictly.
  let split = rd !== undefined ? splitCsv(text, delimiter, rd) : null;
  if (split === null || split === 'too many') {
    try {
      const records = parse(text, {
        delimiter,
        record_delimiter: rd,
        info: true,
        relax_column_count: true,
        skip_empty_lines: false,
      }) as unknown as { record: string[]; info: { lines: number } }[];
      split = { records: records.map((r) => r.record), ends: records.map((r) => r.info.lines) };
    } catch (e) {
      throw new UsageError(`${path}: không đọc được tệp CSV — ${(e as Error).message}`);
    }
  }
  const { ends } = split;
  let line = 1;
  const withLines = split.records
    .map((record, i) => {
      const r = { line, values: record.map(clean) };
      line = (ends[i] ?? line) + 1; // ends has one entry per record
      return r;
    })
    .filter((r) => r.values.some((v) => v !== ''));
  const [head, ...rows] = withLines;
  if (!head) throw new UsageError(`${path}: tệp rỗng`);
  const header = new Map(head.values.map((h, i) => [fold(h), i] as const));
  const missing = required.filter((c) => !header.has(c));
  if (missing.length) throw new UsageError(`${path}: thiếu cột ${missing.join(', ')} (dòng tiêu đề cần có ${required.join(',')})`);
  return { path, header, rows };
}

function value(t: Table, row: { values: string[] }, col: string): string {
  const i = t.header.get(col);
  return i === undefined ? '' : (row.values[i] ?? '');
}

function date(t: Table, row: { line: number; values: string[] }, col: string): IsoDate | null {
  const text = value(t, row, col);
  if (text === '') return null;
  const d = parseDate({ text });
  if (d.kind !== 'date')
    throw new UsageError(`${t.path}:${row.line}: cột ${col} "${text}" không phải ngày hợp lệ (dd/mm/yyyy hoặc yyyy-mm-dd)`);
  return d.date;
}

export function readUnits(path: string): Unit[] {
  const t = readTable(path, ['code', 'name', 'level', 'parent']);
  const units: Unit[] = [];
  for (const row of t.rows) {
    const code = value(t, row, 'code');
    if (!code) throw new UsageError(`${path}:${row.line}: thiếu mã đơn vị (cột code)`);
    const unit: Unit = {
      code,
      name: value(t, row, 'name'),
      level: value(t, row, 'level'),
      parent: value(t, row, 'parent') || null,
      from: date(t, row, 'from'),
      to: date(t, row, 'to'),
    };
    if (unit.from && unit.to && unit.to < unit.from) throw new UsageError(`${path}:${row.line}: ngày kết thúc trước ngày bắt đầu`);
    units.push(unit);
  }
  return units;
}

export function inForce(x: { from: IsoDate | null; to: IsoDate | null }, day: IsoDate): boolean {
  return (x.from === null || x.from <= day) && (x.to === null || day <= x.to);
}

/** The tree of units in force on `asOf`. A unit whose parent is not in force becomes a root. */
export function unitTree(all: Unit[], asOf: IsoDate, path = 'units.csv'): UnitTree {
  const units = all.filter((u) => inForce(u, asOf)).sort((a, b) => compareCodes(a.code, b.code));
  const byCode = new Map<string, Unit>();
  for (const u of units) {
    if (byCode.has(u.code)) throw new UsageError(`${path}: mã ${u.code} có hai dòng cùng hiệu lực ngày ${asOf} — sửa cột from/to`);
    byCode.set(u.code, u);
  }
  const children = new Map<string, Unit[]>();
  const roots: Unit[] = [];
  for (const u of units) {
    if (u.parent && byCode.has(u.parent)) {
      const list = children.get(u.parent) ?? [];
      list.push(u);
      children.set(u.parent, list);
    } else roots.push(u);
  }
  // A cycle would leave units unreachable from any root.
  const seen = new Set<string>();
  const walk = (u: Unit) => {
    if (seen.has(u.code)) return;
    seen.add(u.code);
    for (const c of children.get(u.code) ?? []) walk(c);
  };
  roots.forEach(walk);
  const lost = units.filter((u) => !seen.has(u.code));
  if (lost.length)
    throw new UsageError(`${path}: các đơn vị ${lost.map((u) => u.code).join(', ')} là cấp trên của nhau (vòng lặp ở cột parent)`);
  return { asOf, units, byCode, children, roots };
}

export function readRoster(path: string): Roster {
  const t = readTable(path, ['name', 'position', 'unit']);
  const cadres: Cadre[] = [];
  for (const row of t.rows) {
    const name = value(t, row, 'name');
    if (!name) throw new UsageError(`${path}:${row.line}: thiếu họ tên (cột name)`);
    cadres.push({
      name,
      key: nameKey(name),
      position: value(t, row, 'position'),
      unit: value(t, row, 'unit'),
      from: date(t, row, 'from'),
      to: date(t, row, 'to'),
    });
  }
  return { cadres };
}
