// Which unit a register belongs to (SPEC §2.3): a `Mã đơn vị` column, the title block, the file name.
// Never a guess: when the lines name several units and their parents do not decide, it is unknown.
import { basename, extname } from 'node:path';
import { stripCheckedSuffix } from '../domain/marks.js';
import type { Problem, Unit, UnitTree } from '../types.js';
import { fold } from './text.js';

/** Organ words of a level become that level word; the others are dropped. */
const ORGAN_TO_LEVEL: [RegExp, string][] = [
  [/\btinh uy\b/g, 'tinh'],
  [/\bhuyen uy\b/g, 'huyen'],
  [/\bquan uy\b/g, 'quan'],
  [/\bthi uy\b/g, 'thi xa'],
  [/\bthanh uy\b/g, 'thanh pho'],
];
const ORGAN_DROPPED = /\b(dang bo|dang uy|chi bo|ban thuong vu|ubnd|uy ban nhan dan)\b/g;
const LEADING_LABEL = /^(ten don vi|don vi)\b/;
/** Longest first, so `thi xa` is not read as `thi`. */
const LEVEL_WORDS = ['thanh pho', 'thi tran', 'thi xa', 'phuong', 'huyen', 'quan', 'tinh', 'xa', 'tp'];

export interface NamedParts {
  level: string | null;
  rest: string;
}

/** The three steps of SPEC §2.3 on one side of the comparison. */
export function nameParts(text: string): NamedParts {
  let s = fold(text);
  for (const [re, level] of ORGAN_TO_LEVEL) s = s.replace(re, level);
  s = s.replace(ORGAN_DROPPED, ' ').replace(/\s+/g, ' ').trim();
  s = s.replace(LEADING_LABEL, '').trim();
  for (const w of LEVEL_WORDS) {
    if (s === w) return { level: normLevel(w), rest: '' };
    if (s.startsWith(w + ' ')) return { level: normLevel(w), rest: s.slice(w.length + 1) };
  }
  return { level: null, rest: s };
}

function normLevel(w: string): string {
  return w === 'tp' ? 'thanh pho' : w;
}

export function names(line: NamedParts, unit: NamedParts): boolean {
  if (line.rest === '' || line.rest !== unit.rest) return false;
  return line.level === null || unit.level === null || line.level === unit.level;
}

export type Resolution = { unit: Unit; source: 'column' | 'title' | 'filename' | 'option' } | { unit: null; problem: Problem };

export interface ResolveInput {
  path: string;
  titleLines: string[];
  /** the first value of a `Mã đơn vị` column */
  codeColumn: string | null;
  /** `--unit CODE` */
  option: string | null;
}

export class UnitResolver {
  private readonly parts: Map<string, NamedParts>;
  /** units by the rest of their name: a line is compared only with the units it could name */
  private readonly byRest = new Map<string, Unit[]>();

  constructor(private readonly tree: UnitTree) {
    this.parts = new Map(tree.units.map((u) => [u.code, nameParts(u.name)]));
    for (const u of tree.units) {
      const rest = this.parts.get(u.code)!.rest;
      this.byRest.set(rest, [...(this.byRest.get(rest) ?? []), u]);
    }
  }

  resolve(input: ResolveInput): Resolution {
    if (input.option) return this.byCode(input.option, 'option');
    if (input.codeColumn) return this.byCode(input.codeColumn, 'column');

    const fromTitle = this.byLines(input.titleLines);
    const [titled] = fromTitle;
    if (fromTitle.length === 1 && titled) return { unit: titled, source: 'title' };

    const fromName = this.byFileName(input.path);
    const [named] = fromName;
    if (fromName.length === 1 && named) return { unit: named, source: 'filename' };

    const candidates = fromTitle.length > 1 ? fromTitle : fromName;
    if (candidates.length > 1) {
      return {
        unit: null,
        problem: {
          rule: 'unit-unknown',
          at: {},
          messageId: 'ambiguous',
          data: { candidates: candidates.map((u) => `${u.name} (${u.code})`).join(', ') },
        },
      };
    }
    return {
      unit: null,
      problem: { rule: 'unit-unknown', at: {}, messageId: 'default', data: { tried: input.titleLines.slice(0, 3).join(' / ') } },
    };
  }

  private byCode(code: string, source: 'column' | 'option'): Resolution {
    const unit = this.tree.byCode.get(code.trim());
    if (unit) return { unit, source };
    return { unit: null, problem: { rule: 'unit-unknown', at: {}, messageId: 'notInUnits', data: { code } } };
  }

  /** The units named by a set of lines; several are decided by the deepest named under a parent named by another line. */
  byLines(lines: string[]): Unit[] {
    const namedBy = new Map<string, Set<number>>();
    lines.forEach((line, i) => {
      const p = nameParts(line);
      if (p.rest === '') return;
      for (const u of this.byRest.get(p.rest) ?? []) {
        if (names(p, this.parts.get(u.code)!)) {
          const set = namedBy.get(u.code) ?? new Set<number>();
          set.add(i);
          namedBy.set(u.code, set);
        }
      }
    });
    const candidates = [...namedBy.keys()].map((c) => this.tree.byCode.get(c)!);
    if (candidates.length <= 1) return candidates;
    const anchored = candidates.filter((u) => {
      if (!u.parent) return false;
      const parentLines = namedBy.get(u.parent);
      const ownLines = namedBy.get(u.code)!;
      return !!parentLines && [...parentLines].some((l) => !ownLines.has(l));
    });
    if (anchored.length === 0) return candidates;
    const depth = (u: Unit) => this.depth(u);
    const deepest = Math.max(...anchored.map(depth));
    return anchored.filter((u) => depth(u) === deepest);
  }

  /** `yen-son.xlsx`, `07651_thang3.csv`, `bao-cao-07660.csv`; an annotated copy as its register (`yen-son.checked.xlsx`). */
  byFileName(path: string): Unit[] {
    const stem = stripCheckedSuffix(basename(path, extname(path)));
    // Codes may hold dashes themselves (24-BTC): try every split, the longest code first.
    const lead = stem.includes('_') ? [stem.slice(0, stem.indexOf('_'))] : [];
    const trail = [...stem.matchAll(/-/g)].map((m) => stem.slice(m.index + 1));
    for (const code of [stem, ...lead, ...trail]) {
      const u = this.tree.byCode.get(code);
      if (u) return [u];
    }
    return this.byLines([stem.replace(/[-_]+/g, ' ')]);
  }

  private depth(u: Unit): number {
    let d = 0;
    let p = u.parent ? this.tree.byCode.get(u.parent) : undefined;
    while (p) {
      d++;
      p = p.parent ? this.tree.byCode.get(p.parent) : undefined;
    }
    return d;
  }
}
