// The one place where a rule's message template becomes words, in the user's language.
import type { Message, RuleMeta } from '../rules/rule.js';
import type { Lang } from '../types.js';

// Made when a message first quotes a number: the first Intl.NumberFormat loads the locale data, which
// a run that prints no such message (`--help`, `rules`, a clean register) need not wait for.
const numberFormats: Partial<Record<Lang, Intl.NumberFormat>> = {};
function numberFormat(lang: Lang): Intl.NumberFormat {
  return (numberFormats[lang] ??= new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', {
    maximumFractionDigits: 2,
    useGrouping: false,
  }));
}

/**
 * Fills `{{name}}` placeholders; a placeholder without data is a bug in the rule that reported it.
 * Numbers are written with the decimal mark of the language (45,5 in Vietnamese), without grouping (line 1234).
 */
export function formatMessage(meta: RuleMeta, messageId: string, data: Record<string, string | number>, lang: Lang): string {
  const message: Message | undefined = meta.messages[messageId];
  if (!message) throw new Error(`rule ${meta.id}: unknown messageId "${messageId}"`);
  return message[lang].replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => {
    if (!(name in data)) throw new Error(`rule ${meta.id}: message "${messageId}" needs data "${name}"`);
    const v = data[name];
    return typeof v === 'number' ? numberFormat(lang).format(v) : shorten(String(v));
  });
}

/** A cell's text quoted in a message stays readable: a 32,000-character cell is cut with an ellipsis. */
const MAX_QUOTED = 200;
function shorten(s: string): string {
  return s.length <= MAX_QUOTED ? s : `${s.slice(0, MAX_QUOTED - 1)}…`;
}
