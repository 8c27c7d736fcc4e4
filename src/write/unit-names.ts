// How a unit's name is said in a summary workbook (Vietnamese): its level word (`Huyện`, `Thị xã`),
// the Party body it heads, the label of its own register's row, and the file its workbook is named by.
import { clean, fold, slug } from '../normalise/text.js';
import type { Unit } from '../types.js';
import { safeFileName } from './filename.js';

/** Longest first, so `Thị xã` is not read as `Thị`. */
const LEVEL_WORDS = ['thanh pho', 'thi tran', 'thi xa', 'phuong', 'huyen', 'quan', 'tinh', 'xa', 'tp'];

/** `Huyện Lục Nam` → { level: 'Huyện', rest: 'Lục Nam' }; a name with no level word has level null. */
export function splitLevelWord(name: string): { level: string | null; rest: string } {
  const words = clean(name).split(' ');
  const folded = fold(name);
  for (const w of LEVEL_WORDS) {
    if (folded.startsWith(`${w} `)) {
      const n = w.split(' ').length;
      return { level: words.slice(0, n).join(' '), rest: words.slice(n).join(' ') };
    }
  }
  return { level: null, rest: clean(name) };
}

/** `<code>-<slug>.xlsx`: `24-bac-giang.xlsx`, `213-luc-nam.xlsx`; safe on Windows. */
export function summaryFileName(unit: Unit): string {
  const s = slug(splitLevelWord(unit.name).rest).slice(0, 80).replace(/-+$/, '');
  const code = unit.code.trim().replace(/\s+/g, '_');
  return safeFileName(`${s ? `${code}-${s}` : code}.xlsx`, 'don-vi');
}

export const upper = (s: string): string => s.toLocaleUpperCase('vi');

/** `Huyện Lục Nam` → `ĐẢNG BỘ HUYỆN LỤC NAM`; a name that already names a Party body is kept. */
export function partyBodyOf(unit: Unit): string {
  const f = fold(unit.name);
  if (/^(dang bo|dang uy|chi bo|ban thuong vu)\b/.test(f)) return upper(clean(unit.name));
  return `ĐẢNG BỘ ${upper(clean(unit.name))}`;
}

/** The row label of a unit's own register: `Cơ quan Huyện ủy (đăng ký riêng)`, else `<name> (việc tự đăng ký)`. */
export function ownRowLabel(unit: Unit): string {
  const { level } = splitLevelWord(unit.name);
  const committee: Record<string, string> = {
    tinh: 'Tỉnh ủy',
    huyen: 'Huyện ủy',
    quan: 'Quận ủy',
    'thi xa': 'Thị ủy',
    'thanh pho': 'Thành ủy',
    tp: 'Thành ủy',
  };
  const c = level ? committee[fold(level)] : undefined;
  return c ? `Cơ quan ${c} (đăng ký riêng)` : `${clean(unit.name)} (việc tự đăng ký)`;
}
