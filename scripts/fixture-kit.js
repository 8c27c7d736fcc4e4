// The fixture kit: everything scripts/make-fixtures.js and scripts/province.js share.
//
// Fixtures are the oracle for tiendo, so nothing here imports tiendo's code. A register is described
// twice: by what each task *means* (dates as days, progress as a number, the canonical status, who the
// owner is) and by how it is *written* (a date cell, "Quý III/2024", "45,5", "Đ/c … - Chủ tịch UBND xã").
// The oracle below judges the meaning against SPEC.md §2–§4; the writers render the writing. Every
// task also declares the diagnostics it was planted with (`expect`), and the build fails when the
// oracle and the declaration disagree — a planted error is never an accident.
import ExcelJS from 'exceljs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { specRules } from './spec-rules.js';
import { toTcvn3 } from './tcvn3.js';

export { toTcvn3 };

// ───────────────────────────── deterministic randomness ─────────────────────────────

/** mulberry32: a tiny seeded PRNG, good enough for picking names and shapes. */
export function makeRng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (arr) => arr[Math.floor(next() * arr.length)],
    chance: (p) => next() < p,
    bytes: (n) => Buffer.from(Array.from({ length: n }, () => Math.floor(next() * 256))),
  };
}

// ───────────────────────────── calendar days ─────────────────────────────

const DAY = 86400000;
export function toDays(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return Math.round(Date.UTC(y, m - 1, d) / DAY);
}
export function fromDays(n) {
  return new Date(n * DAY).toISOString().slice(0, 10);
}
export const addDays = (iso, n) => fromDays(toDays(iso) + n);
export const diffDays = (a, b) => toDays(a) - toDays(b);
export function lastDayOfMonth(y, m) {
  return fromDays(Math.round(Date.UTC(y, m, 0) / DAY));
}
/** Excel serial in the 1900 date system (valid from 1 March 1900). */
export const serial1900 = (iso) => toDays(iso) - toDays('1899-12-30');
/** Excel serial in the 1904 date system. */
export const serial1904 = (iso) => toDays(iso) - toDays('1904-01-01');

const pad2 = (n) => String(n).padStart(2, '0');
/** Render a day the way clerks type it. */
export function fmtDate(iso, pattern = 'dd/mm/yyyy') {
  const [y, m, d] = iso.split('-').map(Number);
  switch (pattern) {
    case 'dd/mm/yyyy':
      return `${pad2(d)}/${pad2(m)}/${y}`;
    case 'd/m/yyyy':
      return `${d}/${m}/${y}`;
    case 'dd-mm-yyyy':
      return `${pad2(d)}-${pad2(m)}-${y}`;
    case 'd-m-yyyy':
      return `${d}-${m}-${y}`;
    case 'dd.mm.yyyy':
      return `${pad2(d)}.${pad2(m)}.${y}`;
    case 'yyyy-mm-dd':
      return iso;
    case 'ngay':
      return `ngày ${d} tháng ${m} năm ${y}`;
    default:
      throw new Error(`unknown date pattern ${pattern}`);
  }
}
/** "Lục Nam, ngày 05 tháng 10 năm 2024": leading zero on days below 10 and on months 1 and 2. */
export function placeDateLine(place, iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return `${place}, ngày ${pad2(d)} tháng ${m <= 2 ? pad2(m) : m} năm ${y}`;
}

/** A deadline written as a period, and the last day it means (SPEC §2.3). */
export function period(text) {
  const t = text.normalize('NFC');
  let m;
  const roman = { I: 1, II: 2, III: 3, IV: 4 };
  if ((m = /^(?:Tháng |T)?(\d{1,2})\/(\d{4})$/.exec(t))) return { text, iso: lastDayOfMonth(+m[2], +m[1]) };
  if ((m = /^Quý (I{1,3}|IV|[1-4])\/(\d{4})$/.exec(t))) {
    const q = roman[m[1]] ?? +m[1];
    return { text, iso: lastDayOfMonth(+m[2], q * 3) };
  }
  if ((m = /^6 tháng đầu năm (\d{4})$/.exec(t))) return { text, iso: `${m[1]}-06-30` };
  if ((m = /^6 tháng cuối năm (\d{4})$/.exec(t))) return { text, iso: `${m[1]}-12-31` };
  if ((m = /^(?:Năm )?(\d{4})$/.exec(t))) return { text, iso: `${m[1]}-12-31` };
  if ((m = /^(?:Giai đoạn )?(\d{4}) ?- ?(\d{4})$/.exec(t))) return { text, iso: `${m[2]}-12-31` };
  throw new Error(`not a period: ${text}`);
}

// ───────────────────────────── legacy Vietnamese encodings ─────────────────────────────

// VNI-Windows: a base letter followed by mark characters. Only used to plant `legacy-encoding`
// (tiendo warns and does not convert), so a small table suffices.
const VNI_TONE = { '\u0301': 'ù', '\u0300': 'ø', '\u0309': 'û', '\u0303': 'õ', '\u0323': 'ï' };
const VNI_CIRC_TONE = { '': 'â', '\u0301': 'á', '\u0300': 'à', '\u0309': 'å', '\u0303': 'ã', '\u0323': 'ä' };
export function toVni(s) {
  let out = '';
  for (const ch of s.normalize('NFC')) {
    if (ch === 'đ') {
      out += 'ñ';
      continue;
    }
    if (ch === 'Đ') {
      out += 'Ñ';
      continue;
    }
    const nfd = ch.normalize('NFD');
    const base = nfd[0];
    const marks = nfd.slice(1);
    if (!marks) {
      out += ch;
      continue;
    }
    const circ = marks.includes('\u0302');
    const horn = marks.includes('\u031b');
    const tone = [...marks].find((c) => VNI_TONE[c]) ?? '';
    if (circ) out += base + VNI_CIRC_TONE[tone];
    else if (horn) out += (base === 'o' ? 'ô' : 'ö') + (VNI_TONE[tone] ?? '');
    else out += base + (VNI_TONE[tone] ?? '');
  }
  return out;
}

// ───────────────────────────── names, as SPEC §2.3 matches them ─────────────────────────────

/** Fold case and diacritics (đ is d), punctuation to spaces. */
export function fold(s) {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const ORGAN_TO_LEVEL = [
  ['tinh uy', 'tinh'],
  ['huyen uy', 'huyen'],
  ['quan uy', 'quan'],
  ['thi uy', 'thi xa'],
  ['thanh uy', 'thanh pho'],
];
const ORGAN_DROP = ['dang bo', 'dang uy', 'chi bo', 'ban thuong vu', 'ubnd', 'uy ban nhan dan'];
const LABELS = ['ten don vi', 'don vi'];
const LEVELS = ['thi tran', 'thi xa', 'thanh pho', 'xa', 'phuong', 'huyen', 'quan', 'tp', 'tinh'];

function replaceWords(text, from, to) {
  return ` ${text} `.split(` ${from} `).join(` ${to} `).trim().replace(/\s+/g, ' ');
}
/** SPEC §2.3 steps 1–3: { level, rest } of a title line or a unit name. */
export function nameParts(s) {
  let t = fold(s);
  for (const [from, to] of ORGAN_TO_LEVEL) t = replaceWords(t, from, to);
  for (const w of ORGAN_DROP) t = replaceWords(t, w, '');
  for (const l of LABELS)
    if (t === l || t.startsWith(`${l} `)) {
      t = t.slice(l.length).trim();
      break;
    }
  for (const l of LEVELS) {
    if (t.startsWith(`${l} `)) return { level: l === 'tp' ? 'thanh pho' : l, rest: t.slice(l.length + 1) };
  }
  return { level: null, rest: t };
}
export function names(line, unitName) {
  const a = nameParts(line);
  const b = nameParts(unitName);
  if (!a.rest || a.rest !== b.rest) return false;
  return !(a.level && b.level && a.level !== b.level);
}

/** Units in force on a day. */
export function unitsInForce(units, asOf) {
  return units.filter((u) => (!u.from || u.from <= asOf) && (!u.to || u.to >= asOf));
}

/** The unit a title block names (SPEC §2.3), or { ambiguous } / { none }. */
export function resolveTitle(lines, units) {
  const named = units.filter((u) => lines.some((l) => names(l, u.name)));
  if (named.length === 0) return { none: true };
  if (named.length === 1) return { code: named[0].code };
  const codes = new Set(named.map((u) => u.code));
  const depth = (u) => {
    let d = 0;
    for (let p = u; p && p.parent; p = units.find((x) => x.code === p.parent)) d++;
    return d;
  };
  const withParent = named.filter((u) => u.parent && codes.has(u.parent));
  if (withParent.length === 0) return { ambiguous: named.map((u) => u.code) };
  const max = Math.max(...withParent.map(depth));
  const deepest = withParent.filter((u) => depth(u) === max);
  return deepest.length === 1 ? { code: deepest[0].code } : { ambiguous: deepest.map((u) => u.code) };
}

/** The unit a file name names: a leading CODE_, a trailing -CODE, or the name itself. */
export function resolveFileName(file, units) {
  const base = file
    .split('/')
    .pop()
    .replace(/\.[^.]+$/, '');
  const codes = new Set(units.map((u) => u.code));
  const lead = /^([^_]+)_/.exec(base);
  if (lead && codes.has(lead[1])) return { code: lead[1] };
  const trail = /-([^-]+)$/.exec(base);
  if (trail && codes.has(trail[1])) return { code: trail[1] };
  const named = units.filter((u) => names(base.replace(/[-_]/g, ' '), u.name));
  if (named.length === 1) return { code: named[0].code };
  return named.length ? { ambiguous: named.map((u) => u.code) } : { none: true };
}

// ───────────────────────────── what a task means ─────────────────────────────

export const STATUS_TEXT = {
  not_started: 'Chưa triển khai',
  in_progress: 'Đang thực hiện',
  done: 'Đã hoàn thành',
  paused: 'Tạm dừng',
  cancelled: 'Đã hủy',
};
/** Category text → canonical (SPEC §2.3); empty → key. */
export function categoryKey(text) {
  const f = fold(text ?? '');
  if (!f) return 'key';
  if (f === 'viec kho') return 'hard';
  if (f === 'nhiem vu trong tam') return 'key';
  if (f === 'viec dot pha' || f === 'dot pha') return 'breakthrough';
  if (['van de buc xuc noi com', 'buc xuc', 'noi com', 'van de buc xuc'].includes(f)) return 'pressing';
  throw new Error(`category not in the vocabulary: ${text}`);
}
export const UNFINISHED = new Set(['not_started', 'in_progress', 'paused']);
/** Errors that leave a task unclassified (SPEC §3). invalid-date only when on the deadline or completion. */
const UNCLASSIFYING = new Set([
  'deadline-missing',
  'deadline-before-assigned',
  'invalid-status',
  'invalid-progress',
  'status-progress-mismatch',
  'completion-in-future',
  'completion-before-assigned',
]);
/**
 * The default severity of each rule, from the rules table of SPEC §4 (scripts/spec-rules.js): the
 * contract, not tiendo's code, so a new rule has its severity here as soon as the spec lists it.
 */
export const SEVERITY = Object.fromEntries(specRules().map((r) => [r.id, r.severity]));
export const RULE_IDS = Object.keys(SEVERITY);
/** The warnings expected.json lists; overdue and at-risk follow from the data and are not listed. */
export const LISTED_WARNINGS = new Set(['legacy-encoding', 'owner-multiple', 'owner-overloaded', 'completion-date-missing']);
export const listed = (rule) => SEVERITY[rule] === 'error' || LISTED_WARNINGS.has(rule);

// A date value: null (empty), 'yyyy-mm-dd', { iso, text } (written as that text), { invalid: text }.
export function dateSem(v) {
  if (v === null || v === undefined || v === '') return { kind: 'empty' };
  if (typeof v === 'string') return { kind: 'date', iso: v };
  if (v.invalid !== undefined) return { kind: 'invalid', text: v.invalid };
  return { kind: 'date', iso: v.iso };
}
// A number value: null, a number, { value, text }, { invalid: text }.
export function numSem(v) {
  if (v === null || v === undefined || v === '') return { kind: 'empty' };
  if (typeof v === 'number') return { kind: 'number', value: v };
  if (v.invalid !== undefined) return { kind: 'invalid', text: v.invalid };
  return { kind: 'number', value: v.value };
}
// A status: null (empty), a canonical status, { invalid: text }.
export function statusSem(v) {
  if (v === null || v === undefined || v === '') return { kind: 'empty' };
  if (typeof v === 'string') return { kind: 'status', status: v };
  return { kind: 'invalid', text: v.invalid };
}

/**
 * The diagnostics SPEC §4 gives one task, its effective status and its class.
 * ctx: { asOf, unit (code or null), roster (array or null), strict, judges: { [rule id]: (task, ctx) =>
 * boolean }, the oracles of rules defined beside their fixtures }.
 * strict: throw when a diagnostic depends on a reading the spec leaves open (used for fixtures/rules,
 * whose expect column lists every diagnostic, overdue and at-risk included).
 */
export function judge(t, ctx) {
  const rules = [];
  const amb = (why) => {
    if (ctx.strict) throw new Error(`ambiguous case (${why}) in task "${t.title}"`);
  };
  // a cell in a VNI font: one legacy-encoding warning (the fixtures put at most one such cell on a row)
  if (Object.values(t.fonts ?? {}).some((f) => /^VNI/i.test(f?.name ?? ''))) rules.push('legacy-encoding');
  if (!t.title) rules.push('title-missing');
  const ownerText = (t.owner ?? '').trim();
  const owners = t.owners ?? (ownerText ? [ownerText] : []);
  if (!ownerText) rules.push('owner-missing');
  else if (owners.length > 1) rules.push('owner-multiple');
  if (ctx.unit && ctx.roster && ownerText) {
    const issues = owners
      .map((name) => {
        const rows = ctx.rosterByKey
          ? (ctx.rosterByKey.get(`${ctx.unit}\u0000${name}`) ?? [])
          : ctx.roster.filter((r) => r.unit === ctx.unit && r.name === name);
        if (rows.length === 0) return 'owner-unknown';
        return rows.some((r) => (!r.from || r.from <= ctx.asOf) && (!r.to || r.to >= ctx.asOf)) ? null : 'owner-inactive';
      })
      .filter(Boolean);
    if (issues.length > 1) throw new Error(`two owner problems on one row: ${t.title}`);
    rules.push(...issues);
  }
  const a = dateSem(t.assigned);
  const d = dateSem(t.deadline);
  const c = dateSem(t.completed);
  const invalidDates = [a, d, c].filter((x) => x.kind === 'invalid').length;
  if (invalidDates > 1) throw new Error(`two invalid dates on one row: ${t.title}`);
  if (invalidDates) rules.push('invalid-date');
  if (d.kind === 'empty') rules.push('deadline-missing');
  if (a.kind === 'date' && d.kind === 'date' && d.iso < a.iso) rules.push('deadline-before-assigned');

  const p = numSem(t.progress);
  const target = numSem(t.target);
  const achieved = numSem(t.achieved);
  let progress = null; // effective, for the status checks (computed progress capped at 100)
  let progressReal = null;
  if (p.kind === 'invalid' || (p.kind === 'number' && (p.value < 0 || p.value > 100))) rules.push('invalid-progress');
  else if (p.kind === 'number') progress = progressReal = p.value;
  else if (target.kind === 'number' && achieved.kind === 'number' && target.value > 0) {
    progressReal = (achieved.value / target.value) * 100;
    progress = Math.min(100, progressReal);
  }
  if ([target, achieved].filter((x) => x.kind === 'invalid').length > 1) throw new Error('two invalid numbers on one row');
  if (target.kind === 'invalid' || achieved.kind === 'invalid') rules.push('invalid-number');

  const s = statusSem(t.status);
  let status = null;
  if (s.kind === 'invalid') rules.push('invalid-status');
  else if (s.kind === 'status') status = s.status;
  else {
    if (c.kind === 'invalid') throw new Error('empty status with an invalid completion date');
    if (p.kind === 'empty' && progress !== null && progress >= 100) throw new Error('empty status inferred from computed progress');
    status = c.kind === 'date' || progress === 100 ? 'done' : progress !== null && progress > 0 ? 'in_progress' : 'not_started';
  }
  if (status && progress !== null) {
    if ((status === 'done' && progress < 100) || (status === 'not_started' && progress > 0)) rules.push('status-progress-mismatch');
    else if (progress === 100 && status !== 'done') {
      if (status === 'cancelled') amb('cancelled at 100%');
      rules.push('status-progress-mismatch');
    }
  }
  if (c.kind === 'date') {
    if (c.iso > ctx.asOf) rules.push('completion-in-future');
    if (a.kind === 'date' && c.iso < a.iso) rules.push('completion-before-assigned');
    if (status && status !== 'done') throw new Error(`completion date on a task not done: ${t.title}`);
  }
  if (status === 'done' && c.kind === 'empty') rules.push('completion-date-missing');

  const excluded = a.kind === 'date' && a.iso > ctx.asOf;
  const unclassified = rules.some((r) => UNCLASSIFYING.has(r)) || (rules.includes('invalid-date') && a.kind !== 'invalid');
  const unfinished = status !== null && UNFINISHED.has(status);

  // overdue and at-risk: warnings tiendo reports, judged here only to fill the rules' expect column.
  if (unfinished && d.kind === 'date') {
    if (unclassified && d.iso < ctx.asOf) amb('overdue on an unclassified task');
    if (status === 'paused' && d.iso < ctx.asOf) amb('paused past its deadline');
    if (d.iso < ctx.asOf && !unclassified) rules.push('overdue');
    const ahead = diffDays(d.iso, ctx.asOf);
    if (ahead < 0) {
      if (progress === null || progress < 70) amb('at-risk past the deadline');
    } else if (ahead <= 31) {
      if (ahead >= 30) amb('at-risk on the 30-day boundary');
      if (a.kind !== 'date' || progress === null) amb('at-risk without an assigned date or progress');
      if (a.kind === 'date' && progress !== null) {
        const span = diffDays(d.iso, a.iso);
        const share = span > 0 ? (diffDays(ctx.asOf, a.iso) / span) * 100 : 100;
        const gap = share - progress;
        if (Math.abs(gap - 30) < 2) amb('at-risk gap near 30 points');
        if (gap > 30 && ahead < 30 && !unclassified) rules.push('at-risk');
      }
    }
  }
  // the rules whose fixtures bring their own oracle (scripts/fixture-sets/rules/<id>.js)
  for (const [id, fires] of Object.entries(ctx.judges ?? {})) if (fires(t, ctx)) rules.push(id);
  if (excluded && rules.some((r) => r !== 'overdue' && r !== 'at-risk'))
    throw new Error(`a task assigned after the as-of date carries ${rules}`);

  let cls;
  if (excluded) cls = 'excluded';
  else if (unclassified) cls = 'unclassified';
  else if (status === 'done') cls = c.kind === 'date' && d.kind === 'date' && c.iso > d.iso ? 'doneLate' : 'doneOnTime';
  else if (status === 'cancelled') cls = 'cancelled';
  else cls = d.iso >= ctx.asOf ? 'pendingOnTime' : 'pendingOverdue';
  return { rules, status, cls, unfinished, owners, completed: c.kind === 'date' ? c.iso : null, progressReal };
}

// ───────────────────────────── counts ─────────────────────────────

export const CLASSES = ['doneOnTime', 'doneLate', 'pendingOnTime', 'pendingOverdue', 'cancelled', 'unclassified'];
export function emptyCounts() {
  return { registered: 0, doneOnTime: 0, doneLate: 0, pendingOnTime: 0, pendingOverdue: 0, cancelled: 0, unclassified: 0, doneInPeriod: 0 };
}
/** x/y × 100 rounded half up to one decimal, exactly (integer arithmetic); null when y is 0. */
export function rate(x, y) {
  if (y === 0) return null;
  return Math.floor((2000 * x + y) / (2 * y)) / 10;
}
/** True when x/y×100 lies exactly half-way between two one-decimal values (rounding conventions differ). */
export function isTie(x, y) {
  return y !== 0 && (2000 * x) % (2 * y) === y;
}
export function finishCounts(c) {
  const done = c.doneOnTime + c.doneLate;
  return { ...c, completionRate: rate(done, c.registered - c.cancelled), onTimeRate: rate(c.doneOnTime, done) };
}

// ───────────────────────────── a register: grid and tasks ─────────────────────────────

/**
 * Lay a register out as a grid of rows (what a writer renders) and remember the row of every task.
 * def: { columns: [{ key, header, style? }], title: [[{ c, text, span?, font? }]], numberRow, body, footer,
 *        dateStyle, progressStyle, date1904 }
 * body items: a task, { section: 'II. Kinh tế' }, { blank: true }, { raw: [cells] }.
 * Returns { rows: [{ cells, kind, task? }], merges: ['A1:D1'], titleLines: [...] }.
 */
export function layout(def) {
  const width = def.columns.length;
  const rows = [];
  const merges = [];
  const titleLines = [];
  const put = (kind, cells, extra = {}) => {
    rows.push({ kind, cells, ...extra });
    return rows.length;
  };
  for (const line of def.title ?? []) {
    const cells = Array(width).fill(null);
    for (const seg of line) {
      cells[seg.c] = { t: 's', v: seg.text, font: seg.font, align: seg.align ?? (seg.span ? 'center' : undefined) };
      if (seg.text.trim()) titleLines.push(seg.text);
      if (seg.span > 1) merges.push([rows.length + 1, seg.c, rows.length + 1, seg.c + seg.span - 1]);
    }
    put('title', cells);
  }
  const headerCell = (col) => col.headerCell ?? { t: 's', v: col.header, font: { bold: true }, align: 'center', wrap: true, border: true };
  if (def.columns.some((col) => col.group)) {
    // a header of two rows: each group's text over its sub-columns (merged across), every other
    // column merged down both rows (SPEC §2.3)
    const top = rows.length + 1;
    put(
      'header',
      def.columns.map((col, i) =>
        !col.group
          ? headerCell(col)
          : def.columns[i - 1]?.group === col.group
            ? null
            : { t: 's', v: col.group, font: { bold: true }, align: 'center', border: true },
      ),
    );
    put(
      'header2',
      def.columns.map((col) => (col.group ? headerCell(col) : null)),
    );
    def.columns.forEach((col, i) => {
      if (!col.group) {
        if (!def.noMerges) merges.push([top, i, top + 1, i]);
        return;
      }
      if (def.columns[i - 1]?.group === col.group) return;
      let end = i;
      while (def.columns[end + 1]?.group === col.group) end++;
      if (end > i && !def.noMerges) merges.push([top, i, top, end]);
    });
  } else put('header', def.columns.map(headerCell));
  if (def.numberRow) {
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    put(
      'numbers',
      def.columns.map((_, i) => {
        const v = def.numberRow === '(n)' ? `(${i + 1})` : def.numberRow === 'letters' ? letters[i] : i + 1;
        return { t: typeof v === 'number' ? 'n' : 's', v, align: 'center', font: { italic: true }, border: true };
      }),
    );
  }
  let no = 0;
  for (const item of def.body) {
    if (item.section !== undefined) {
      const cells = Array(width).fill(null);
      cells[0] = { t: 's', v: item.section, font: { bold: true } };
      if (def.mergeSections !== false) merges.push([rows.length + 1, 0, rows.length + 1, width - 1]);
      put('section', cells);
    } else if (item.blank) {
      put('blank', Array(width).fill(null));
    } else if (item.raw) {
      const cells = Array(width).fill(null);
      item.raw.forEach((v, i) => {
        if (v !== null && v !== undefined) cells[i] = typeof v === 'object' ? v : { t: typeof v === 'number' ? 'n' : 's', v };
      });
      put(item.kind ?? 'footer', cells);
      for (const m of item.merges ?? []) merges.push([rows.length, m[0], rows.length, m[1]]);
    } else {
      no += 1;
      const task = item;
      if (task.no === undefined) task.no = no;
      put(
        'task',
        def.columns.map((col) => renderCell(task, col, def)),
        { task },
      );
    }
  }
  for (const item of def.footer ?? []) {
    const cells = Array(width).fill(null);
    item.cells.forEach((v, i) => {
      if (v !== null && v !== undefined) cells[i] = typeof v === 'object' ? v : { t: 's', v };
    });
    put('footer', cells);
    for (const m of item.merges ?? []) merges.push([rows.length, m[0], rows.length, m[1]]);
  }
  return { rows, merges, titleLines, width, extraSheets: def.extraSheets ?? [] };
}

function dateCell(v, style, def) {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'object') return { t: 's', v: v.text ?? v.invalid };
  if (style && style.startsWith('text:')) return { t: 's', v: fmtDate(v, style.slice(5)) };
  const fmt = style && style.startsWith('serial:') ? style.slice(7) : 'dd/mm/yyyy';
  return { t: 'serial', v: def.date1904 ? serial1904(v) : serial1900(v), iso: v, fmt };
}
function numberText(n, decimalComma) {
  const s = String(Math.round(n * 1000) / 1000);
  if (!decimalComma) return s;
  const [int, frac] = s.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return frac ? `${grouped},${frac}` : grouped;
}
function numberCell(v, style, def) {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'object') return { t: 's', v: v.text ?? v.invalid };
  if (style === 'text' || def.allText) return { t: 's', v: numberText(v, def.decimalComma) };
  return { t: 'n', v };
}
function progressCell(v, style, def) {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'object') return { t: 's', v: v.text ?? v.invalid };
  if (style && style.startsWith('percent')) return { t: 'n', v: Math.round(v * 1000) / 100000, fmt: style.slice(8) || '0.0%' };
  if (style === 'text%') return { t: 's', v: `${numberText(v, def.decimalComma)}%` };
  if (style === 'text' || def.allText) return { t: 's', v: numberText(v, def.decimalComma) };
  return { t: 'n', v };
}
function renderCell(task, col, def) {
  if (task.cells && Object.hasOwn(task.cells, col.key)) {
    const c = task.cells[col.key];
    return c === null ? null : typeof c === 'object' ? c : { t: typeof c === 'number' ? 'n' : 's', v: c };
  }
  const font = task.fonts?.[col.key] ?? def.font;
  const text = (v) => (v === null || v === undefined || v === '' ? null : { t: 's', v: String(v), font });
  const style = col.style;
  switch (col.key) {
    case 'no':
      return def.allText ? text(task.no) : typeof task.no === 'number' ? { t: 'n', v: task.no } : text(task.no);
    case 'id':
      return text(task.id);
    case 'title':
      return text(task.title);
    case 'category':
      return text(task.category);
    case 'field':
      return text(task.field);
    case 'owner':
      return text(task.owner);
    case 'position':
      return text(task.position);
    case 'leadUnit':
      return text(task.leadUnit);
    case 'supportUnits':
      return text(task.supportUnits);
    case 'assigned':
    case 'deadline':
    case 'completed': {
      const c = dateCell(task[col.key], style ?? def.dateStyle, def);
      return c && font ? { ...c, font } : c;
    }
    case 'target':
    case 'achieved':
      return numberCell(task[col.key], style, def);
    case 'measure':
      return text(task.measure);
    case 'progress':
      return progressCell(task.progress, style ?? def.progressStyle, def);
    case 'status': {
      const s = task.status;
      if (task.statusText !== undefined) return text(task.statusText);
      if (s === null || s === undefined) return null;
      return text(typeof s === 'object' ? s.invalid : (def.statusText?.[s] ?? STATUS_TEXT[s]));
    }
    case 'unitCode':
      return text(def.unitCodeText);
    case 'note':
      return text(task.note);
    case 'expect':
      return text(task.expectText);
    default:
      throw new Error(`no renderer for ${col.key}`);
  }
}

export const colLetter = (i) => {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

// ───────────────────────────── writers ─────────────────────────────

/** The text a CSV holds for one cell. */
function csvText(cell) {
  if (!cell) return '';
  if (cell.t === 'serial') return fmtDate(cell.iso);
  if (cell.t === 'rich') return cell.v.map((r) => r.text).join('');
  return String(cell.v);
}
/**
 * Write a grid as CSV bytes. opts: { delimiter, eol, encoding: 'utf8'|'utf8bom'|'utf16le', padTitle }.
 * Returns { bytes, lines }: lines[i] is the line the i-th grid row starts on (1-based).
 */
export function csvBytes(grid, opts = {}) {
  const delim = opts.delimiter ?? ',';
  const eol = opts.eol ?? '\r\n';
  const quote = (s) => (s.includes(delim) || s.includes('"') || s.includes('\n') || s.includes('\r') ? `"${s.replace(/"/g, '""')}"` : s);
  let text = '';
  let line = 1;
  const lines = [];
  for (const row of grid.rows) {
    lines.push(line);
    let fields = row.cells.map((c) => quote(csvText(c)));
    if (row.kind === 'title' && opts.padTitle === false) {
      while (fields.length > 1 && fields[fields.length - 1] === '') fields.pop();
    }
    const rec = fields.join(delim);
    text += rec + eol;
    line += 1 + (rec.match(/\n/g)?.length ?? 0);
  }
  let bytes;
  if (opts.encoding === 'utf16le') bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  else if (opts.encoding === 'utf8bom') bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
  else bytes = Buffer.from(text, 'utf8');
  return { bytes, lines };
}

const THIN = { style: 'thin' };
/** An exceljs workbook from a grid (one sheet). opts: { sheetName, date1904, widths, font }. */
export function exceljsWorkbook(grid, opts = {}) {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'tiendo fixtures';
  wb.created = new Date(Date.UTC(2024, 9, 5));
  wb.modified = wb.created;
  if (opts.date1904) wb.properties.date1904 = true;
  const ws = wb.addWorksheet(opts.sheetName ?? 'Danh mục', {
    pageSetup: { paperSize: 9, orientation: 'landscape' },
  });
  const baseFont = { name: opts.font ?? 'Times New Roman', size: 12 };
  ws.columns = grid.rows[0].cells.map((_, i) => ({ width: opts.widths?.[i] ?? (i === 1 ? 45 : 16) }));
  grid.rows.forEach((row, r) => {
    row.cells.forEach((cell, c) => {
      if (!cell) return;
      const xc = ws.getCell(r + 1, c + 1);
      switch (cell.t) {
        case 's':
        case 'n':
          xc.value = cell.v;
          break;
        case 'serial':
          xc.value = cell.v;
          break;
        case 'rich':
          xc.value = { richText: cell.v };
          break;
        case 'link':
          xc.value = { text: cell.v, hyperlink: cell.href };
          break;
        case 'formula':
          xc.value = { formula: cell.formula, result: cell.v };
          break;
        default:
          throw new Error(`cell type ${cell.t}`);
      }
      if (cell.fmt) xc.numFmt = cell.fmt;
      xc.font = { ...baseFont, ...(cell.font ?? {}) };
      if (cell.align || cell.wrap || (typeof cell.v === 'string' && cell.v.includes('\n'))) {
        xc.alignment = { horizontal: cell.align, vertical: 'middle', wrapText: true };
      }
      if (row.kind === 'header' || row.kind === 'header2' || row.kind === 'numbers' || row.kind === 'task' || cell.border) {
        xc.border = { top: THIN, left: THIN, bottom: THIN, right: THIN };
      }
    });
  });
  for (const [r1, c1, r2, c2] of grid.merges) ws.mergeCells(r1, c1 + 1, r2, c2 + 1);
  if (grid.extraSheets?.length) {
    addExtraSheets(wb, grid.extraSheets, baseFont);
    // the register is the active tab: a hidden sheet cannot be (LibreOffice shows an active hidden sheet)
    wb.views = [
      {
        x: 0,
        y: 0,
        width: 20000,
        height: 12000,
        firstSheet: 0,
        activeTab: wb.worksheets.findIndex((w) => w === ws),
        visibility: 'visible',
      },
    ];
  }
  return wb;
}

/**
 * Sheets beside the register (SPEC §2.3): the lists behind drop-downs, often hidden and often
 * first, and instructions (`Hướng dẫn`). Each { name, rows: [[text]], state: 'visible'|'hidden'|
 * 'veryHidden', first: bool }.
 */
function addExtraSheets(wb, extra, font) {
  for (const sheet of extra) {
    const ws = wb.addWorksheet(sheet.name, { state: sheet.state ?? 'visible' });
    sheet.rows.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v === null || v === undefined) return;
        const cell = ws.getCell(r + 1, c + 1);
        cell.value = v;
        cell.font = font;
      }),
    );
    if (sheet.first) {
      // exceljs writes sheets in the order of their ids: move this one before the others
      const sheets = wb._worksheets.filter(Boolean);
      const moved = sheets.pop();
      sheets.unshift(moved);
      wb._worksheets = [undefined, ...sheets];
      sheets.forEach((s, i) => {
        s.id = i + 1;
        s.orderNo = i;
      });
    }
  }
}

export async function writeXlsx(grid, path, opts = {}) {
  await mkdir(dirname(path), { recursive: true });
  const wb = exceljsWorkbook(grid, opts);
  await wb.xlsx.writeFile(path);
}

/** The grid as JSON for scripts/openpyxl_fixtures.py. */
export function gridJson(grid, opts = {}) {
  return {
    sheetName: opts.sheetName ?? 'Danh mục',
    date1904: !!opts.date1904,
    font: opts.font ?? 'Times New Roman',
    widths: grid.rows[0].cells.map((_, i) => opts.widths?.[i] ?? (i === 1 ? 45 : 16)),
    rows: grid.rows.map((row) =>
      row.cells.map((c) => (c ? { ...c, border: row.kind === 'task' || row.kind === 'header' || row.kind === 'numbers' } : null)),
    ),
    merges: grid.merges,
    patchNumFmt: opts.patchNumFmt ?? null,
    isoDates: !!opts.isoDates,
    extraSheets: grid.extraSheets ?? [],
    constantMemory: !!opts.constantMemory,
  };
}

export async function writeBytes(path, bytes) {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, bytes);
}

// ───────────────────────────── judging a set of registers ─────────────────────────────

/**
 * Judge registers against the oracle. Each register: { file, unit (code|null), counted (bool),
 * fileDiagnostics: [{ rule, row }], tasks: [{ row, task }] }; `judges` as for judge(). Returns
 * { diagnostics, taskTruth, perUnit }.
 * Checks every task's declared `expect` against the oracle and throws on a difference.
 */
export function judgeAll(registers, { asOf, roster, maxOpen = 7, strict = false, periodStart, periodEnd, checkDeclared = true, judges }) {
  const diagnostics = [];
  const rosterByKey = new Map();
  for (const r of roster ?? []) {
    const key = `${r.unit}\u0000${r.name}`;
    if (!rosterByKey.has(key)) rosterByKey.set(key, []);
    rosterByKey.get(key).push(r);
  }
  const taskTruth = [];
  const own = new Map();
  const load = new Map();
  for (const reg of registers) {
    for (const d of reg.fileDiagnostics ?? [])
      diagnostics.push({ file: reg.file, row: d.row ?? null, rule: d.rule, severity: SEVERITY[d.rule] });
    const ids = new Map();
    for (const { row, task } of reg.tasks) {
      const unit = reg.unit && reg.unitKnown !== false ? reg.unit : null;
      const verdict = judge(task, { asOf, unit, roster, rosterByKey, strict, judges });
      const rules = [...verdict.rules];
      const id = task.id ?? `${reg.unit ?? reg.file}-${task.no ?? `r${row}`}`;
      let duplicate = false;
      if (ids.has(id)) {
        rules.push('duplicate-task');
        duplicate = true;
      } else ids.set(id, row);
      let cls = verdict.cls;
      if (duplicate) cls = 'excluded';
      if (!reg.counted) cls = 'excluded';
      // owner-overloaded: unfinished tasks per owner per unit, first rows of each id, assigned by the as-of date
      if (!duplicate && verdict.cls !== 'excluded' && verdict.unfinished && reg.loadGroup) {
        for (const name of new Set(verdict.owners)) {
          const key = `${reg.loadGroup}\u0000${name}`;
          if (!load.has(key)) load.set(key, []);
          load.get(key).push({ file: reg.file, row, task });
        }
      }
      taskTruth.push({ file: reg.file, row, unit: reg.unit ?? null, class: cls, task, rules, verdict });
      if (reg.counted && cls !== 'excluded') {
        if (!own.has(reg.unit)) own.set(reg.unit, emptyCounts());
        const c = own.get(reg.unit);
        c.registered += 1;
        c[cls] += 1;
        if (
          (cls === 'doneOnTime' || cls === 'doneLate') &&
          verdict.completed &&
          verdict.completed >= periodStart &&
          verdict.completed <= periodEnd
        )
          c.doneInPeriod += 1;
      }
    }
  }
  const byRow = new Map(taskTruth.map((t) => [`${t.file}\u0000${t.row}`, t]));
  for (const entries of load.values()) {
    if (entries.length > maxOpen) {
      const e = entries[maxOpen];
      byRow.get(`${e.file}\u0000${e.row}`).rules.push('owner-overloaded');
    }
  }
  for (const t of taskTruth) {
    for (const rule of t.rules) diagnostics.push({ file: t.file, row: t.row, rule, severity: SEVERITY[rule] });
    if (!checkDeclared) continue;
    const declared = [...(t.task.expect ?? [])].sort();
    const got = t.rules.filter((r) => (strict ? true : listed(r))).sort();
    if (JSON.stringify(declared) !== JSON.stringify(got)) {
      throw new Error(
        `${t.file} row ${t.row} ("${t.task.title}"): planted ${JSON.stringify(declared)} but the oracle finds ${JSON.stringify(got)}`,
      );
    }
  }
  return { diagnostics, taskTruth, own };
}

/** own and total counts over the unit tree in force. */
export function unitCounts(units, own) {
  const children = new Map();
  for (const u of units) if (u.parent) (children.get(u.parent) ?? children.set(u.parent, []).get(u.parent)).push(u.code);
  const total = new Map();
  const sum = (code) => {
    if (total.has(code)) return total.get(code);
    const t = { ...(own.get(code) ?? emptyCounts()) };
    for (const ch of children.get(code) ?? []) {
      const c = sum(ch);
      for (const k of Object.keys(t)) t[k] += c[k];
    }
    total.set(code, t);
    return t;
  };
  const out = {};
  for (const u of [...units].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))) {
    out[u.code] = {
      name: u.name,
      level: u.level,
      parent: u.parent || null,
      own: finishCounts(own.get(u.code) ?? emptyCounts()),
      total: finishCounts(sum(u.code)),
    };
  }
  return out;
}

/** A CSV file of simple rows (units.csv, roster.csv). */
export function simpleCsv(header, rows) {
  const q = (s) => (/[",\n]/.test(String(s)) ? `"${String(s).replace(/"/g, '""')}"` : String(s ?? ''));
  return [header.join(','), ...rows.map((r) => r.map(q).join(','))].join('\n') + '\n';
}

export function sortDiagnostics(list) {
  return [...list].sort((a, b) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : (a.row ?? 0) - (b.row ?? 0) || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0),
  );
}
