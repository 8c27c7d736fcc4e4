// Meta-test of docs/: what the pages quote from the tool is what the tool prints today, their links
// lead somewhere, and nothing in them (or the README) points outside the repository.
import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tiendo } from './helpers/cli.js';
import { hasSoffice } from './helpers/soffice.js';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const DOCS = join(REPO, 'docs');
const read = (path: string): string => readFileSync(path, 'utf8');

/** Every Markdown file under docs/, as paths. */
function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return markdownFiles(path);
    return name.endsWith('.md') ? [path] : [];
  });
}

/** The text between `<!-- name:start -->` and `<!-- name:end -->`, or null. */
function between(text: string, name: string): string | null {
  const m = new RegExp(`<!-- ${name}:start -->\\n([\\s\\S]*?)<!-- ${name}:end -->`).exec(text);
  return m?.[1] ?? null;
}

describe('docs/rules.md', () => {
  it('has the table `tiendo rules --format md` prints, exactly', () => {
    const r = tiendo(['rules', '--format', 'md'], { cwd: REPO });
    expect(r.status).toBe(0);
    const table = between(read(join(DOCS, 'rules.md')), 'rules');
    expect(table, 'the markers <!-- rules:start --> and <!-- rules:end -->').not.toBeNull();
    expect(table).toBe(r.stdout);
  });

  it('has a section for every rule of the catalog, in its order', () => {
    const ids = (JSON.parse(tiendo(['rules', '--format', 'json'], { cwd: REPO }).stdout) as { id: string }[]).map((x) => x.id);
    const sections = [...read(join(DOCS, 'rules.md')).matchAll(/^#### `([a-z-]+)`/gm)].map(([, id]) => id);
    expect(sections).toEqual(ids);
  });
});

// ───────────────────────────── docs/json.md ─────────────────────────────

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Each `<!-- fields: path … -->` marker and the field names of the table under it. */
function documentedFields(text: string): { paths: string[]; names: string[] }[] {
  const out: { paths: string[]; names: string[] }[] = [];
  for (const m of text.matchAll(/<!-- fields: ([^>]+?) -->\n/g)) {
    const lines = text.slice((m.index ?? 0) + m[0].length).split('\n');
    const start = lines.findIndex((l) => l.startsWith('|---'));
    const names: string[] = [];
    for (const line of lines.slice(start + 1)) {
      if (!line.startsWith('|')) break;
      const name = /^\| `([^`]+)` \|/.exec(line)?.[1];
      if (name) names.push(name);
    }
    const [, paths = ''] = m;
    out.push({ paths: paths.split(/\s+/), names });
  }
  return out;
}

/** The objects at a path such as `units[].change.total` (every element of an array; nulls left out). */
function objectsAt(doc: Json, path: string[]): { [key: string]: Json }[] {
  if (doc === null || typeof doc !== 'object') return [];
  const [head, ...rest] = path;
  if (head === undefined) return Array.isArray(doc) ? [] : [doc];
  if (Array.isArray(doc)) return [];
  const key = head.replace(/\[\]$/, '');
  const value = doc[key];
  if (value === undefined) return [];
  const values = head.endsWith('[]') ? (Array.isArray(value) ? value : []) : [value];
  return values.flatMap((v) => objectsAt(v, rest));
}

/** Where an example differs from a real output; arrays of the example may be shortened (a subsequence). */
function differences(example: Json, real: Json, at = '$'): string[] {
  if (Array.isArray(example)) {
    if (!Array.isArray(real)) return [`${at}: an array in the example, not in the output`];
    let j = 0;
    for (const [i, item] of example.entries()) {
      while (j < real.length && differences(item, real[j] ?? null).length) j++;
      if (j === real.length) return [`${at}[${i}]: not in the output (in its order)`];
      j++;
    }
    return [];
  }
  if (example !== null && typeof example === 'object') {
    if (real === null || typeof real !== 'object' || Array.isArray(real)) return [`${at}: an object in the example, not in the output`];
    const keys = Object.keys(example).join(', ');
    if (keys !== Object.keys(real).join(', ')) return [`${at}: keys ${keys} in the example, ${Object.keys(real).join(', ')} in the output`];
    return Object.keys(example).flatMap((k) => differences(example[k] ?? null, real[k] ?? null, `${at}.${k}`));
  }
  return example === real ? [] : [`${at}: ${JSON.stringify(example)} in the example, ${JSON.stringify(real)} in the output`];
}

describe('docs/json.md', () => {
  const text = read(join(DOCS, 'json.md'));
  const work = mkdtempSync(join(tmpdir(), 'tiendo-docs-'));
  // Written in the repository by the examples' own commands (their --out), removed afterwards.
  const examplesOut: string[] = [];
  // The output of each command with every optional part present.
  const full: Record<'validate' | 'rollup', Json> = { validate: null, rollup: null };
  const plain: Record<'validate' | 'rollup', Json> = { validate: null, rollup: null };

  beforeAll(() => {
    const compare = ['--units', 'fixtures/compare/units.csv', '--period', '2024-09', '--compare', 'fixtures/compare/thang-8'];
    const rollup = tiendo(['rollup', 'fixtures/compare/thang-9', ...compare, '--out', join(work, 'a'), '--format', 'json'], { cwd: REPO });
    expect(rollup.status, rollup.stderr).toBe(0);
    plain.rollup = JSON.parse(rollup.stdout) as Json;
    // A summary workbook among the inputs is skipped, and listed as such.
    const summary = join(work, 'a', '213-luc-nam.xlsx');
    const pdf = hasSoffice ? ['--pdf'] : [];
    const all = tiendo(['rollup', 'fixtures/compare/thang-9', summary, ...compare, ...pdf, '--out', join(work, 'b'), '--format', 'json'], {
      cwd: REPO,
    });
    expect(all.status, all.stderr).toBe(0);
    full.rollup = JSON.parse(all.stdout) as Json;

    const lang = ['validate', 'fixtures/province/registers/lang-giang', '--as-of', '2024-09-30', '--format', 'json'];
    const validate = tiendo(lang, { cwd: REPO });
    expect(validate.status, validate.stderr).toBe(1);
    plain.validate = JSON.parse(validate.stdout) as Json;
    const annotated = tiendo([...lang, summary, '--annotate', join(work, 'checked')], { cwd: REPO });
    expect(annotated.status, annotated.stderr).toBe(1);
    full.validate = JSON.parse(annotated.stdout) as Json;
  });

  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
    for (const out of examplesOut) rmSync(out, { recursive: true, force: true });
  });

  const tables = documentedFields(text);
  it('lists the fields of both commands', () => {
    const paths = tables.flatMap((t) => t.paths);
    expect(paths).toContain('validate');
    expect(paths).toContain('rollup');
    for (const t of tables) expect(t.names.length, t.paths.join(' ')).toBeGreaterThan(0);
  });

  it.each(tables.flatMap((t) => t.paths.map((path) => [path, t.names] as const)))(
    'lists the fields of %s as the CLI prints them',
    (path, names) => {
      const [command, ...rest] = path.split('.') as ['validate' | 'rollup', ...string[]];
      expect(['validate', 'rollup']).toContain(command);
      if (!hasSoffice && path.startsWith('rollup.pdfs')) return; // --pdf needs LibreOffice
      const expected = !hasSoffice && path === 'rollup' ? names.filter((n) => n !== 'pdfs') : names;
      const objects = objectsAt(full[command], rest);
      expect(objects.length, `objects at ${path}`).toBeGreaterThan(0);
      for (const o of objects) expect(Object.keys(o)).toEqual(expected);
      // Without the options, the top level holds a part of them, in the same order.
      if (rest.length === 0) {
        const keys = Object.keys(plain[command] as object);
        expect(names.filter((n) => keys.includes(n))).toEqual(keys);
      }
    },
  );

  const examples = [...text.matchAll(/```console\n\$ npx tiendo (.+)\n```\n\n```json\n([\s\S]*?)```/g)].map(([, args = '', json = '']) => ({
    args: args.split(' '),
    json,
  }));
  it('has an example of each command', () => expect(examples.map((e) => e.args[0])).toEqual(['validate', 'rollup']));

  it.each(examples.map((e) => [e.args.join(' '), e] as const))('has an example that a run prints: tiendo %s', (_, example) => {
    const out = example.args.indexOf('--out');
    if (out >= 0) {
      const dir = resolve(REPO, example.args[out + 1] ?? '');
      expect(existsSync(dir), `${dir} exists before the example's run`).toBe(false);
      examplesOut.push(dir);
    }
    const r = tiendo(example.args, { cwd: REPO });
    expect(r.status, r.stderr).not.toBe(2);
    expect(differences(JSON.parse(example.json) as Json, JSON.parse(r.stdout) as Json)).toEqual([]);
  });
});

describe('the runs shown in docs/', () => {
  // Each `$ npx tiendo …` of a console block, its printed output, and the `echo $?` after it (as the README's).
  const runs = markdownFiles(DOCS).flatMap((file) =>
    [...read(file).matchAll(/^\$ npx tiendo (.+)\n([\s\S]*?)^\$ echo \$\?\n(\d)\n/gm)].map(([, args = '', output = '', status]) => ({
      page: relative(REPO, file),
      args: args.split(' '),
      output,
      status: Number(status),
    })),
  );
  it('has some', () => expect(runs.length).toBeGreaterThanOrEqual(2));
  it.each(runs.map((r) => [r.page, r.args.join(' '), r] as const))('%s: tiendo %s prints what is shown', (_, __, run) => {
    const at = run.args.indexOf('--out');
    const out = at >= 0 ? resolve(REPO, run.args[at + 1] ?? '') : null;
    if (out) expect(existsSync(out), `${out} exists before the run`).toBe(false);
    try {
      const r = tiendo(run.args, { cwd: REPO });
      expect(r.stdout).toBe(run.output);
      expect(r.status).toBe(run.status);
    } finally {
      if (out) rmSync(out, { recursive: true, force: true });
    }
  });
});

// ───────────────────────────── links and paths ─────────────────────────────

/** A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M} _-]/gu, '')
    .replace(/ /g, '-');
}

function anchors(markdown: string): Set<string> {
  const ids = [...markdown.matchAll(/<a id="([^"]+)"/g)].map(([, id = '']) => id);
  const headings = [...withoutFences(markdown).matchAll(/^#{1,6} (.+)$/gm)].map(([, heading = '']) => slug(heading));
  return new Set([...ids, ...headings]);
}

/** The text outside fenced code blocks. */
function withoutFences(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '');
}

/** The text outside fenced code blocks and inline code. */
function withoutCode(markdown: string): string {
  return withoutFences(markdown).replace(/`[^`\n]*`/g, '');
}

describe('links in docs/', () => {
  const files = markdownFiles(DOCS);
  it('has the pages', () => {
    const names = files.map((f) => relative(DOCS, f));
    for (const page of ['README.md', 'registers.md', 'rules.md', 'classification.md', 'workbooks.md', 'json.md', 'SPEC.md']) {
      expect(names).toContain(page);
    }
  });

  it.each(files.map((f) => [relative(REPO, f), f] as const))('%s links only to files and anchors that exist', (_, file) => {
    const text = read(file);
    const broken: string[] = [];
    for (const [, target = ''] of withoutCode(text).matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
      if (/^[a-z]+:/i.test(target)) continue; // https:, mailto:
      const [path = '', fragment] = target.split('#');
      const dest = path === '' ? file : resolve(dirname(file), decodeURI(path));
      if (!dest.startsWith(REPO)) broken.push(`${target} (outside the repository)`);
      else if (!existsSync(dest)) broken.push(`${target} (no such file)`);
      else if (fragment && dest.endsWith('.md') && !anchors(read(dest)).has(fragment)) broken.push(`${target} (no such anchor)`);
    }
    expect(broken).toEqual([]);
  });
});

describe('paths outside the repository', () => {
  // The checkout's own path, the folder it sits in, and its sibling folders named relatively (a page that
  // names them works only on the machine it was written on); then the usual places outside any checkout.
  const checkout = REPO.replace(/\/$/, '');
  const parent = dirname(checkout);
  const siblings = readdirSync(parent, { withFileTypes: true })
    .filter((d) => d.isDirectory() && join(parent, d.name) !== checkout)
    .map((d) => d.name);
  const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const forbidden = [checkout, `${parent}/`, ...siblings.map((name) => `../${name}`), '/tmp/', '/home/', 'file://'].map(
    (p) => [p, new RegExp(escape(p) + (p.endsWith('/') ? '' : '(?![\\w.-])'))] as const,
  );
  const files = [...markdownFiles(DOCS), join(REPO, 'README.md')];
  it.each(files.map((f) => [relative(REPO, f), f] as const))('%s names none', (_, file) => {
    const text = read(file);
    expect(forbidden.filter(([, re]) => re.test(text)).map(([p]) => p)).toEqual([]);
  });
});
