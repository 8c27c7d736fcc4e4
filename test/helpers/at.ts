// Narrowing for tests under noUncheckedIndexedAccess: an element a test counts on but that is not
// there fails the test with a message that says what was missing, rather than a TypeError later.

/** The element at `i` of `xs` (a negative `i` counts from the end); throws when there is none. */
export function at<T>(xs: ArrayLike<T>, i: number, what = 'element'): T {
  const k = i < 0 ? xs.length + i : i;
  const x = k >= 0 && k < xs.length ? xs[k] : undefined;
  if (x === undefined) throw new Error(`no ${what} at index ${i} (length ${xs.length})`);
  return x;
}

/** The first element of `xs`; throws when `xs` is empty. */
export function first<T>(xs: ArrayLike<T>, what = 'element'): T {
  return at(xs, 0, what);
}

/** The value under `key`; throws when there is none. */
export function get<K extends PropertyKey, V>(record: Partial<Record<K, V>> | ReadonlyMap<K, V>, key: K, what = 'value'): V {
  const v = record instanceof Map ? (record as ReadonlyMap<K, V>).get(key) : (record as Partial<Record<K, V>>)[key];
  if (v === undefined) throw new Error(`no ${what} for ${String(key)}`);
  return v;
}
