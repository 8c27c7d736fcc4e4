// Unit codes in the order every list of units takes: numeric where the codes are numbers (24 before
// 213 before 07651), else as text, ties broken by the code itself so the order is total.

/** One collator for every comparison: `localeCompare` with options builds one on each call. */
const NUMERIC = new Intl.Collator('en', { numeric: true });

export function compareCodes(a: string, b: string): number {
  return NUMERIC.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}
