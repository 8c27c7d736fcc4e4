// Helpers the fixture sets share: title blocks, signature blocks, units/roster files, and the step
// that turns registers into expected.json and truth.json.
import {
  judgeAll,
  listed,
  resolveFileName,
  resolveTitle,
  simpleCsv,
  sortDiagnostics,
  unitCounts,
  unitsInForce,
  isTie,
} from '../fixture-kit.js';

const bold = { bold: true };

/** One roster.csv row; `extra` adds columns some fixtures need. */
export const R = (name, position, unit, from, to = '', extra = {}) => ({ name, position, unit, from, to, ...extra });

/** The eight columns of a plain register, as most fixtures lay them out. */
export const PLAIN_COLUMNS = [
  { key: 'no', header: 'STT' },
  { key: 'title', header: 'Nội dung công việc' },
  { key: 'owner', header: 'Người chịu trách nhiệm' },
  { key: 'assigned', header: 'Ngày giao' },
  { key: 'deadline', header: 'Thời hạn hoàn thành' },
  { key: 'progress', header: 'Tiến độ (%)' },
  { key: 'status', header: 'Tình trạng' },
  { key: 'completed', header: 'Ngày hoàn thành' },
];

/**
 * The Party title block (Hướng dẫn 36-HD/VPTW): superior and issuing body top left with a `*`,
 * ĐẢNG CỘNG SẢN VIỆT NAM and the place-and-date line top right, then the title.
 * o: { left: [lines], place, date, title, sub, width, leftSpan, rightAt }
 */
export function partyTitle(o) {
  const leftSpan = o.leftSpan ?? 4;
  const rightAt = o.rightAt ?? o.width - 4;
  const rightSpan = o.width - rightAt;
  const lines = [];
  const left = [...(o.left ?? []), ...(o.left?.length ? ['*'] : [])];
  const right = o.right ?? ['ĐẢNG CỘNG SẢN VIỆT NAM', ...(o.place ? [`${o.place}`] : [])];
  const n = Math.max(left.length, right.length);
  for (let i = 0; i < n; i++) {
    const row = [];
    if (left[i] !== undefined) row.push({ c: 0, text: left[i], span: leftSpan, font: i === 1 ? bold : undefined });
    if (right[i] !== undefined)
      row.push({ c: rightAt, text: right[i], span: rightSpan, font: i === 0 ? { bold: true, size: 15 } : { italic: true } });
    lines.push(row);
  }
  lines.push([]);
  if (o.title) lines.push([{ c: 0, text: o.title, span: o.width, font: { bold: true, size: 14 } }]);
  if (o.sub) lines.push([{ c: 0, text: o.sub, span: o.width, font: { italic: true } }]);
  if (o.title || o.sub) lines.push([]);
  return lines;
}

/** A footer: Tổng cộng, then a signature block (left: Người lập biểu, right: T/M …, BÍ THƯ, the name). */
export function footer(o) {
  const rows = [];
  const w = o.width;
  const at = (cells) => {
    const a = Array(w).fill(null);
    for (const [i, v] of cells) a[i] = v;
    return a;
  };
  if (o.total) rows.push({ cells: at([[0, 'Tổng cộng'], ...(o.total === true ? [] : o.total)]), merges: [] });
  rows.push({ cells: at([]) });
  const right = o.rightAt ?? w - 3;
  rows.push({
    cells: at([
      ...(o.maker ? [[o.makerAt ?? 1, { t: 's', v: 'Người lập biểu', font: bold }]] : []),
      [right, { t: 's', v: o.tm, font: bold }],
    ]),
  });
  if (o.post) rows.push({ cells: at([[right, { t: 's', v: o.post, font: bold }]]) });
  rows.push({ cells: at([]) });
  rows.push({ cells: at([]) });
  rows.push({
    cells: at([...(o.maker ? [[o.makerAt ?? 1, { t: 's', v: o.maker, font: bold }]] : []), [right, { t: 's', v: o.signer, font: bold }]]),
  });
  return rows;
}

export function unitsCsv(units, withDates) {
  const header = withDates ? ['code', 'name', 'level', 'parent', 'from', 'to'] : ['code', 'name', 'level', 'parent'];
  return simpleCsv(
    header,
    units.map((u) =>
      withDates
        ? [u.code, u.name, u.level, u.parent ?? '', u.fromText ?? u.from ?? '', u.toText ?? u.to ?? '']
        : [u.code, u.name, u.level, u.parent ?? ''],
    ),
  );
}
export function rosterCsv(roster) {
  return simpleCsv(
    ['name', 'position', 'unit', 'from', 'to'],
    roster.map((r) => [r.name, r.position, r.unit, r.fromText ?? r.from ?? '', r.toText ?? r.to ?? '']),
  );
}

/** A fixture province's units.csv, roster.csv, expected.json and truth.json, in the folder `dir`. */
export async function writeProvinceFiles(ctx, dir, { units, roster, withDates, ...truthArgs }) {
  await ctx.text(`${dir}/units.csv`, unitsCsv(units, withDates));
  await ctx.text(`${dir}/roster.csv`, rosterCsv(roster));
  const { expected, truth } = buildTruth({ units, roster, ...truthArgs });
  await ctx.json(`${dir}/expected.json`, expected);
  await ctx.json(`${dir}/truth.json`, truth);
}

/**
 * Check that a register's unit is found the way the fixture says (SPEC §2.3 implemented
 * independently in fixture-kit), so a title line never names a unit by accident.
 */
export function checkResolution(reg, titleLines, units, asOf) {
  const inForce = unitsInForce(units, asOf);
  const codes = new Set(inForce.map((u) => u.code));
  const t = resolveTitle(titleLines, inForce);
  const f = resolveFileName(reg.file, inForce);
  const fail = (why) => {
    throw new Error(`${reg.file}: ${why} (title: ${JSON.stringify(t)}, file name: ${JSON.stringify(f)})`);
  };
  switch (reg.resolvedBy) {
    case 'column':
      if (!codes.has(reg.unit)) fail('column code not in force');
      break;
    case 'title':
      if (t.code !== reg.unit) fail(`title block should name ${reg.unit}`);
      break;
    case 'filename':
      if (!t.none) fail('title block names a unit');
      if (f.code !== reg.unit) fail(`file name should name ${reg.unit}`);
      break;
    case 'unknown-column':
      if (codes.has(reg.columnCode)) fail('column code is in force');
      if (t.code || f.code) fail('a fallback would find a unit');
      break;
    case 'unknown':
      if (t.code || f.code) fail('the unit can be found');
      break;
    case 'unreadable':
      break;
    default:
      fail(`resolvedBy ${reg.resolvedBy}`);
  }
}

/**
 * Judge registers and build expected.json and truth.json.
 * registers: [{ file, unit, resolvedBy, status: counted|unit-unknown|unit-duplicate|header-missing|file-unreadable,
 *              writer, shape, fileDiagnostics, tasks: [{ row, task }] }]
 */
export function buildTruth({ units, roster, asOf, period, registers, note, generated = false }) {
  const inForce = unitsInForce(units, asOf);
  const judged = registers.map((r) => ({
    ...r,
    counted: r.status === 'counted',
    unitKnown: r.status === 'counted' || r.status === 'unit-duplicate',
    loadGroup: r.status === 'counted' ? `unit:${r.unit}` : r.status === 'unit-unknown' ? `file:${r.file}` : null,
  }));
  const { diagnostics, taskTruth, own } = judgeAll(judged, {
    asOf,
    roster,
    periodStart: period.start,
    periodEnd: period.end,
    checkDeclared: !generated,
  });
  const expected = sortDiagnostics(diagnostics.filter((d) => listed(d.rule)));
  const unitsOut = unitCounts(inForce, own);
  const ties = [];
  for (const [code, u] of Object.entries(unitsOut)) {
    for (const k of ['own', 'total']) {
      const c = u[k];
      const done = c.doneOnTime + c.doneLate;
      if (isTie(done, c.registered - c.cancelled) || isTie(c.doneOnTime, done)) ties.push(`${code}.${k}`);
    }
  }
  if (ties.length && !generated)
    throw new Error(`a rate falls half-way between two one-decimal values (rounding conventions differ): ${ties}`);
  // submitted: a readable register resolves to the unit (a unit-duplicate pair counts; an unreadable file does not)
  const submitted = new Set(
    registers.filter((r) => r.unit && r.status !== 'unit-unknown' && r.status !== 'file-unreadable').map((r) => r.unit),
  );
  for (const [code, u] of Object.entries(unitsOut)) u.submitted = submitted.has(code);
  const truth = {
    asOf,
    period,
    note,
    registers: registers.map((r) => ({
      file: r.file,
      unit: r.unit ?? null,
      resolvedBy: r.resolvedBy,
      status: r.status,
      writer: r.writer,
      shape: r.shape,
      headerRow: r.headerRow ?? null,
      tasks: r.tasks.length,
    })),
    tasks: taskTruth.map((t) => ({ file: t.file, row: t.row, unit: t.unit, class: t.class })),
    units: unitsOut,
  };
  // rates exactly half-way between two one-decimal values: rounded half up here (45.25 → 45.3)
  if (ties.length) truth.roundingTies = ties;
  return { expected: { asOf, diagnostics: expected }, truth };
}

/** A task with the defaults most rows share. */
export function task(title, owner, o = {}) {
  return { title, owner, assigned: null, deadline: null, progress: null, status: null, completed: null, expect: [], ...o };
}
