// The rules table of docs/SPEC.md §4 — the contract's list of rules, in its order, with their default
// severities. Read by scripts/gen-rules.js (the registry's order), the fixture kit (the oracle's
// severities: from the contract, not from tiendo's code) and the tests.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SPEC_PATH = fileURLToPath(new URL('../docs/SPEC.md', import.meta.url));

/** The rows of SPEC §4's table, `| \`id\` | severity | meaning |`, in order: [{ id, severity }]. */
export function specRules(text = readFileSync(SPEC_PATH, 'utf8')) {
  const start = text.indexOf('\n## 4. Rules');
  const end = text.indexOf('\n## 5.', start);
  if (start < 0 || end < 0) throw new Error('docs/SPEC.md: no section "## 4. Rules" followed by "## 5."');
  const section = text.slice(start, end);
  return [...section.matchAll(/^\| `([a-z][a-z0-9-]*)` \| (error|warning|off) \|/gm)].map((m) => ({ id: m[1], severity: m[2] }));
}
