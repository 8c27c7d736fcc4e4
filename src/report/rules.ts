// `tiendo rules`: the catalog, as text or JSON.
import type { Rule } from '../rules/rule.js';
import type { Lang } from '../types.js';

export function rulesJson(rules: Rule[]): string {
  return JSON.stringify(rules.map((r) => ({
    id: r.meta.id,
    severity: r.meta.severity,
    scope: r.scope,
    description: r.meta.description,
  })), null, 2) + '\n';
}

export function rulesText(rules: Rule[], lang: Lang): string {
  const width = Math.max(...rules.map((r) => r.meta.id.length));
  const sev = { error: lang === 'vi' ? 'lỗi' : 'error', warning: lang === 'vi' ? 'cảnh báo' : 'warning', off: lang === 'vi' ? 'tắt' : 'off' };
  return rules.map((r) => `${r.meta.id.padEnd(width)}  ${sev[r.meta.severity].padEnd(8)}  ${r.meta.description[lang]}`).join('\n') + '\n';
}
