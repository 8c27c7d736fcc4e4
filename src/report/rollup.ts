// Reporters of a rollup: pure functions from the result to a string (SPEC §5.1). Only the CLI prints.
import { sep } from 'node:path';
import type { RollupResult } from '../aggregate/index.js';
import { periodTitle } from '../classify/period.js';
import type { Counts, Lang } from '../types.js';

type Written = { unit: string; path: string }[];

/** A path as shown on every system: forward slashes, as validate shows its files (Windows writes `\\`). */
function shown(path: string): string {
  return path.split(sep).join('/');
}

/** The counts in the order of SPEC §5.1. */
function counts(c: Counts): Counts {
  return {
    registered: c.registered,
    doneOnTime: c.doneOnTime,
    doneLate: c.doneLate,
    pendingOnTime: c.pendingOnTime,
    pendingOverdue: c.pendingOverdue,
    cancelled: c.cancelled,
    unclassified: c.unclassified,
    doneInPeriod: c.doneInPeriod,
    completionRate: c.completionRate,
    onTimeRate: c.onTimeRate,
  };
}

/** A value of the top level whose items are made and written one at a time (a province lists thousands). */
class Items<T> {
  constructor(
    readonly items: readonly T[],
    readonly item: (x: T) => unknown,
  ) {}
}

/**
 * `rollup --format json`, in pieces: the same text as `JSON.stringify(doc, null, 2)`, but each unit
 * and each cadre made and stringified on its own, so a national rollup's JSON is never one
 * string beside the objects it was made from.
 */
export function* rollupJsonChunks(result: RollupResult, outputs: Written = result.outputs): Generator<string> {
  const doc: Record<string, unknown> = {
    asOf: result.asOf,
    period: { label: result.period.label, start: result.period.start, end: result.period.end },
    units: new Items(result.units, (u) => ({
      code: u.unit.code,
      name: u.unit.name,
      level: u.unit.level,
      parent: u.unit.parent,
      own: counts(u.own),
      total: counts(u.total),
      ...(result.comparison ? { change: result.comparison.byUnit.get(u.unit.code) } : {}),
    })),
    files: outputs.map((o) => ({ unit: o.unit, path: shown(o.path) })),
    summary: { ...result.summary },
    skipped: result.skipped,
    owners: new Items(result.owners, (o) => ({ unit: o.unit, name: o.name, position: o.position, counts: counts(o.counts) })),
    ...(result.pdfs ? { pdfs: result.pdfs.map((p) => ({ unit: p.unit, path: shown(p.path) })) } : {}),
    ...(result.comparison
      ? { previous: { asOf: result.comparison.asOf, files: result.comparison.files, tasks: result.comparison.tasks } }
      : {}),
  };
  const indent = (text: string, by: string): string => text.replace(/\n/g, `\n${by}`);
  const keys = Object.keys(doc);
  yield '{\n';
  for (const [k, key] of keys.entries()) {
    const value = doc[key];
    const end = k < keys.length - 1 ? ',\n' : '\n';
    if (value instanceof Items) {
      if (!value.items.length) {
        yield `  ${JSON.stringify(key)}: []${end}`;
        continue;
      }
      yield `  ${JSON.stringify(key)}: [\n`;
      for (const [i, x] of value.items.entries()) {
        yield `    ${indent(JSON.stringify(value.item(x), null, 2), '    ')}${i < value.items.length - 1 ? ',\n' : '\n'}`;
      }
      yield `  ]${end}`;
    } else {
      yield `  ${JSON.stringify(key)}: ${indent(JSON.stringify(value, null, 2), '  ')}${end}`;
    }
  }
  yield '}\n';
}

/** `rollup --format json`: every unit in force once, in code order, then the workbooks written, the cadres. */
export function rollupJson(result: RollupResult, outputs: Written = result.outputs): string {
  return [...rollupJsonChunks(result, outputs)].join('');
}

const TEXT = {
  vi: {
    heading: (period: string, asOf: string) => `Tổng hợp tiến độ ${period} — số liệu tính đến ngày ${asOf}`,
    columns: ['Đơn vị', 'Đăng ký', 'HT đúng hạn', 'HT quá hạn', 'Trong hạn', 'Quá hạn', 'Dừng, hủy', 'Chưa XĐ', 'Tỷ lệ HT %', 'Đúng hạn %'],
    change: '+HT / mới QH',
    sentBefore: 'kỳ trước có nộp',
    own: (name: string) => `${name} (đăng ký riêng)`,
    total: 'Tổng cộng',
    notSubmitted: 'chưa nộp',
    written: 'Đã ghi:',
    noneWritten: 'Không ghi tệp nào (không có đơn vị nào có đơn vị trực thuộc).',
    summary: (s: RollupResult['summary'], n: (x: number) => string) =>
      `${n(s.files)} tệp, ${n(s.tasks)} việc được tính, ${n(s.errors)} lỗi, ${n(s.warnings)} cảnh báo`,
    locale: 'vi-VN',
  },
  en: {
    heading: (period: string, asOf: string) => `Progress rollup, ${period} — as of ${asOf}`,
    columns: ['Unit', 'Registered', 'Done on time', 'Done late', 'Pending', 'Overdue', 'Cancelled', 'Unclass.', 'Done %', 'On time %'],
    change: '+done / new overdue',
    sentBefore: 'sent last time',
    own: (name: string) => `${name} (own register)`,
    total: 'Total',
    notSubmitted: 'not submitted',
    written: 'Written:',
    noneWritten: 'No workbook written (no unit has units under it).',
    summary: (s: RollupResult['summary'], n: (x: number) => string) =>
      `${n(s.files)} files, ${n(s.tasks)} tasks counted, ${n(s.errors)} errors, ${n(s.warnings)} warnings`,
    locale: 'en-GB',
  },
} as const;

/**
 * `rollup --format text`: for each root, an aligned table of the units directly under it, the root's own
 * register and the total; then the workbooks written and a one-line summary.
 */
export function rollupText(result: RollupResult, lang: Lang = 'vi', outputs: Written = result.outputs): string {
  const t = TEXT[lang];
  const int = new Intl.NumberFormat(t.locale, { maximumFractionDigits: 0 });
  const dec = new Intl.NumberFormat(t.locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const n = (x: number): string => int.format(x);
  const pct = (x: number | null): string => (x == null ? '-' : dec.format(x));
  const asOf = result.asOf.split('-').reverse().join('/');
  const lines: string[] = [t.heading(periodTitle(result.period, lang), asOf)];

  const comparison = result.comparison;
  // With --compare, one more column: tasks done since / newly overdue since the previous registers.
  const change = (code: string, which: 'own' | 'total'): string[] => {
    if (!comparison) return [];
    const c = comparison.byUnit.get(code)?.[which];
    return [c ? `+${n(c.completedSince)} / ${n(c.newlyOverdue)}` : '-'];
  };
  const row = (name: string, c: Counts, tail: string[], note = ''): string[] => [
    note ? `${name} (${note})` : name,
    n(c.registered),
    n(c.doneOnTime),
    n(c.doneLate),
    n(c.pendingOnTime),
    n(c.pendingOverdue),
    n(c.cancelled),
    n(c.unclassified),
    pct(c.completionRate),
    pct(c.onTimeRate),
    ...tail,
  ];

  for (const code of result.roots) {
    const root = result.byCode.get(code)!;
    const rows: string[][] = [[...t.columns, ...(comparison ? [t.change] : [])]];
    for (const childCode of root.children) {
      const child = result.byCode.get(childCode)!;
      const nothing = !child.submitted && child.submittedUnder === 0;
      const before = nothing && comparison?.submittedBefore.has(childCode) ? `, ${t.sentBefore}` : '';
      rows.push(row(child.unit.name, child.total, change(childCode, 'total'), nothing ? t.notSubmitted + before : ''));
    }
    if (root.submitted || root.children.length === 0) rows.push(row(t.own(root.unit.name), root.own, change(code, 'own')));
    rows.push(row(root.children.length ? `${t.total} — ${root.unit.name}` : root.unit.name, root.total, change(code, 'total')));
    lines.push('', ...table(rows));
  }

  lines.push('');
  if (outputs.length === 0) lines.push(t.noneWritten);
  else {
    lines.push(t.written);
    for (const o of outputs) lines.push(`  ${shown(o.path)}`);
    for (const p of result.pdfs ?? []) lines.push(`  ${shown(p.path)}`);
  }
  lines.push(t.summary(result.summary, n));
  return `${lines.join('\n')}\n`;
}

/** Left-aligned first column, right-aligned numbers, a rule under the header and above the last row. */
function table(rows: string[][]): string[] {
  const [head, ...rest] = rows;
  if (!head) return [];
  const widths = head.map((_, i) => Math.max(...rows.map((r) => width(r[i] ?? ''))));
  const fmt = (r: string[]): string =>
    r
      .map((cell, i) => pad(cell, widths[i] ?? 0, i === 0 ? 'end' : 'start'))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const body = rest.map(fmt);
  return [fmt(head), rule, ...body.slice(0, -1), rule, body.at(-1) ?? ''];
}

/** Display width: NFC code points, combining marks taking no column. */
function width(s: string): number {
  return [...s.normalize('NFC').replace(/\p{M}/gu, '')].length;
}

function pad(s: string, w: number, side: 'start' | 'end'): string {
  const fill = ' '.repeat(Math.max(0, w - width(s)));
  return side === 'start' ? fill + s : s + fill;
}
