// Fields (the `Lĩnh vực` a task falls under) and categories: the key tasks of one field share
// whatever its spelling, the label shown for it, and a unit's counts by each.
import { CATEGORY_LABEL } from '../normalise/values.js';
import { clean, fold } from '../normalise/text.js';
import type { Category, Counts, Period } from '../types.js';
import { countTasks } from './counts.js';
import type { ClassifiedTask, UnitRollup } from './index.js';

export const VI_COLLATOR = new Intl.Collator('vi');

export const NO_FIELD_LABEL = 'Chưa phân loại';
const CATEGORIES: Category[] = ['hard', 'key', 'breakthrough', 'pressing'];

/** A field as typed in a section row or a column, without its numbering and a leading "Lĩnh vực". */
function fieldDisplay(field: string): string {
  let s = clean(field).replace(/^(?:[IVXLC]+|\d+|[a-zA-Z])\s*[.)/:-]\s*/u, '');
  const f = fold(s);
  if (f.startsWith('linh vuc ')) s = s.replace(/^\S+\s+\S+\s*[:.\-–]?\s*/u, '');
  return s.replace(/[\s.:;,]+$/u, '');
}

/** "XÂY DỰNG ĐẢNG" → "Xây dựng Đảng" (the Party keeps its capital). */
function sentenceCase(s: string): string {
  const lower = s.toLocaleLowerCase('vi').replace(/(^|[\s(,])đảng(?=$|[\s),.;:])/gu, '$1Đảng');
  return lower.charAt(0).toLocaleUpperCase('vi') + lower.slice(1);
}

const isAllCaps = (s: string): boolean => s === s.toLocaleUpperCase('vi') && s !== s.toLocaleLowerCase('vi');

/** The key tasks of one field share, whatever the numbering, case or diacritics typed. */
export function fieldKey(field: string | null): string {
  if (field == null) return '';
  let key = fieldKeys.get(field);
  if (key === undefined) {
    if (fieldKeys.size > 10_000) fieldKeys.clear();
    fieldKeys.set(field, (key = fold(fieldDisplay(field))));
  }
  return key;
}

/** A province has a few dozen section headings; each is folded once, not once per task and per level. */
const fieldKeys = new Map<string, string>();

/** For each field key, the label to show: the most frequent spelling, preferring one not in capitals. */
export function fieldLabels(tasks: readonly ClassifiedTask[]): Map<string, string> {
  const spellings = new Map<string, Map<string, number>>();
  for (const t of tasks) {
    const key = fieldKey(t.task.field);
    if (key === '') continue;
    const shown = fieldDisplay(t.task.field!);
    const m = spellings.get(key) ?? new Map<string, number>();
    m.set(shown, (m.get(shown) ?? 0) + 1);
    spellings.set(key, m);
  }
  const labels = new Map<string, string>([['', NO_FIELD_LABEL]]);
  for (const [key, m] of spellings) {
    const ranked = [...m.entries()].sort(
      (a, b) => Number(isAllCaps(a[0])) - Number(isAllCaps(b[0])) || b[1] - a[1] || VI_COLLATOR.compare(a[0], b[0]),
    );
    const best = ranked[0]?.[0];
    if (best !== undefined) labels.set(key, isAllCaps(best) ? sentenceCase(best) : best);
  }
  return labels;
}

/** A unit's counts by field (by name, Vietnamese collation, "no field" last) and by category (SPEC order). */
export function groupCounts(
  under: readonly ClassifiedTask[],
  labels: ReadonlyMap<string, string>,
  period: Period,
): Pick<UnitRollup, 'byField' | 'byCategory'> {
  return {
    byField: groupBy(under, (t) => fieldKey(t.task.field), period)
      .map(([key, counts]) => ({ key, label: labels.get(key) ?? key, counts }))
      .sort((a, b) => Number(a.key === '') - Number(b.key === '') || VI_COLLATOR.compare(a.label, b.label)),
    byCategory: CATEGORIES.map((cat) => ({
      key: cat,
      label: CATEGORY_LABEL[cat],
      counts: countTasks(
        under.filter((t) => t.task.category === cat),
        period,
      ),
    })),
  };
}

function groupBy(tasks: readonly ClassifiedTask[], key: (t: ClassifiedTask) => string, period: Period): [string, Counts][] {
  const groups = new Map<string, ClassifiedTask[]>();
  for (const t of tasks) {
    const k = key(t);
    const list = groups.get(k);
    if (list) list.push(t);
    else groups.set(k, [t]);
  }
  return [...groups.entries()].map(([k, ts]) => [k, countTasks(ts, period)]);
}
