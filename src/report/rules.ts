// `tiendo rules`: the catalog, as text, JSON or Markdown (the README's table), with the severities as configured.
import { severityOf } from '../check/index.js';
import { DEFAULT_CONFIG } from '../config.js';
import type { Rule } from '../rules/rule.js';
import type { Config, Lang } from '../types.js';

export function rulesJson(rules: Rule[], config: Config = DEFAULT_CONFIG): string {
  return (
    JSON.stringify(
      rules.map((r) => ({
        id: r.meta.id,
        severity: severityOf(r, config),
        defaultSeverity: r.meta.severity,
        scope: r.scope,
        description: r.meta.description,
      })),
      null,
      2,
    ) + '\n'
  );
}

/** One line a rule; a severity changed by the configuration is marked with its default. */
export function rulesText(rules: Rule[], lang: Lang, config: Config = DEFAULT_CONFIG): string {
  const width = Math.max(...rules.map((r) => r.meta.id.length));
  const sev = {
    error: lang === 'vi' ? 'lỗi' : 'error',
    warning: lang === 'vi' ? 'cảnh báo' : 'warning',
    off: lang === 'vi' ? 'tắt' : 'off',
  };
  return (
    rules
      .map((r) => {
        const now = severityOf(r, config);
        const changed =
          now !== r.meta.severity
            ? lang === 'vi'
              ? `  (theo cấu hình; mặc định: ${sev[r.meta.severity]})`
              : `  (configured; default: ${sev[r.meta.severity]})`
            : '';
        return `${r.meta.id.padEnd(width)}  ${sev[now].padEnd(8)}  ${r.meta.description[lang]}${changed}`;
      })
      .join('\n') + '\n'
  );
}

/** The README's rule table: `| id | severity | English — *Vietnamese* |`, in registry order. */
export function rulesMarkdown(rules: Rule[], config: Config = DEFAULT_CONFIG): string {
  const rows = rules.map((r) => `| \`${r.meta.id}\` | ${severityOf(r, config)} | ${r.meta.description.en} — *${r.meta.description.vi}* |`);
  return ['| id | severity | checks |', '|---|---|---|', ...rows].join('\n') + '\n';
}
