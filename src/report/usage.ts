// The command line's own words: commander's help and its errors in Vietnamese (English with
// `--lang en`), each mistake as one line naming the closest correct thing. Pure: strings out;
// src/cli.ts prints them.
import type { Command, CommanderError, Help, Option } from 'commander';
import type { Lang } from '../types.js';

/**
 * The language asked for on the command line, read from argv itself: it is needed to word a
 * mistake found while parsing, when commander has not parsed `--lang` (yet, or at all).
 */
export function langOf(argv: readonly string[]): Lang {
  let lang: Lang = 'vi';
  for (const [i, a] of argv.entries()) {
    if (a === '--') break;
    const v = a === '--lang' ? argv[i + 1] : a.startsWith('--lang=') ? a.slice(7) : undefined;
    if (v === 'en' || v === 'vi') lang = v;
  }
  return lang;
}

/**
 * chalk's level given the environment: `--no-color`, or `NO_COLOR` set to anything but the empty
 * string (no-color.org), turns colour off even on a terminal. `FORCE_COLOR`, which chalk has
 * already read, wins over `NO_COLOR` as in Node itself; the flag wins over both.
 */
export function colorLevel<L extends number>(level: L, env: NodeJS.ProcessEnv, argv: readonly string[]): L | 0 {
  const end = argv.indexOf('--');
  const args = end < 0 ? argv : argv.slice(0, end);
  if (args.includes('--no-color')) return 0;
  if (env.FORCE_COLOR !== undefined) return level;
  if (env.NO_COLOR) return 0;
  return level;
}

const TITLES: Record<Lang, Record<string, string>> = {
  vi: {
    'Usage:': 'Cách dùng:',
    'Arguments:': 'Đối số:',
    'Options:': 'Tùy chọn:',
    'Commands:': 'Lệnh:',
    'Global Options:': 'Tùy chọn chung:',
  },
  en: {},
};

/** `(một trong: text, json; mặc định: text)` after an option's description. */
function extra(
  item: { argChoices?: string[]; defaultValue?: unknown; defaultValueDescription?: string; required?: boolean; optional?: boolean },
  lang: Lang,
): string {
  const parts: string[] = [];
  if (item.argChoices) parts.push(`${lang === 'vi' ? 'một trong' : 'one of'}: ${item.argChoices.join(', ')}`);
  const takesValue = item.required || item.optional;
  // A boolean's default and an empty list (a repeatable option) say nothing to a clerk.
  const shown = item.defaultValueDescription ?? shownDefault(item.defaultValue);
  if (item.defaultValue !== undefined && takesValue && typeof item.defaultValue !== 'boolean' && shown !== '') {
    parts.push(`${lang === 'vi' ? 'mặc định' : 'default'}: ${shown}`);
  }
  return parts.length ? ` (${parts.join('; ')})` : '';
}

/** A default value as text: a list joined, a string or number as is; anything else says nothing to a clerk. */
function shownDefault(v: unknown): string {
  if (Array.isArray(v)) return v.join(', ');
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint' ? String(v) : '';
}

/** The pieces of commander's help that are English, in the language asked for. */
export function helpConfiguration(lang: Lang): Partial<Help> {
  return {
    styleTitle: (str: string) => TITLES[lang][str] ?? str,
    optionDescription: (option: Option) => `${option.description}${extra(option, lang)}`,
    argumentDescription: (arg) => `${arg.description}${extra({ ...arg, required: arg.required, optional: !arg.required }, lang)}`,
    // `validate [tùy chọn] <paths...>` in the list of commands
    subcommandTerm: (cmd: Command) => {
      const args = cmd.registeredArguments.map((a) =>
        a.required ? `<${a.name()}${a.variadic ? '...' : ''}>` : `[${a.name()}${a.variadic ? '...' : ''}]`,
      );
      return [cmd.name(), ...(cmd.options.length ? [usageWords(lang).options] : []), ...args].join(' ');
    },
  };
}

/** `[tùy chọn]`, `[lệnh]`: commander's `[options]`, `[command]`. */
export function usageWords(lang: Lang): { options: string; command: string } {
  return lang === 'vi' ? { options: '[tùy chọn]', command: '[lệnh]' } : { options: '[options]', command: '[command]' };
}

/** The command as typed: `tiendo validate`. */
function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** Optimal string alignment distance, as commander's own suggestions use. */
export function editDistance(a: string, b: string): number {
  // The table of distances between prefixes, row by row: (a.length + 1) rows of (b.length + 1).
  const width = b.length + 1;
  const d = new Array<number>((a.length + 1) * width).fill(0);
  const at = (i: number, j: number): number => d[i * width + j] ?? 0; // always within the table
  for (let i = 0; i <= a.length; i++) d[i * width] = i;
  for (let j = 0; j <= b.length; j++) d[j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, at(i - 2, j - 2) + 1);
      d[i * width + j] = v;
    }
  }
  return at(a.length, b.length);
}

/** The closest of `candidates` to `word`, when close enough to be a slip (at most 2 edits, and under half the word). */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best !== undefined && bestD <= 2 && bestD < Math.max(2, word.length / 2) ? best : undefined;
}

/** The long flags a command accepts, with its parents' (commander's candidates for a suggestion). */
function flagsOf(cmd: Command): string[] {
  const out: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) {
    for (const o of c.options) if (o.long) out.push(o.long);
  }
  return [...out, '--help'];
}

/** What commander put in quotes in its message, in order. */
function quoted(message: string): string[] {
  return [...message.matchAll(/'([^']*)'/g)].map((m) => m[1] ?? '');
}

function findOption(cmd: Command, flags: string): Option | undefined {
  for (let c: Command | null = cmd; c; c = c.parent) {
    const o = c.options.find((x) => x.flags === flags || x.long === flags || x.short === flags);
    if (o) return o;
  }
  return undefined;
}

/** `--out <dir> — thư mục ghi các tệp báo cáo`. */
function described(o: Option | undefined, flags: string): string {
  if (!o) return flags;
  return o.description ? `${o.flags} — ${o.description}` : o.flags;
}

/** What every mistake's line is worded from. */
interface Mistake {
  err: CommanderError;
  cmd: Command;
  vi: boolean;
  path: string;
  /** ` Xem "tiendo validate --help"`: where to look, at the end of every line */
  see: string;
  /** what commander's message put in quotes, in order */
  first: string | undefined;
  second: string | undefined;
}

/** Commander's codes for help and version, which are not mistakes. */
const NOT_MISTAKES = new Set(['commander.helpDisplayed', 'commander.help', 'commander.version']);

/**
 * The one line for a mistake commander found in `cmd`'s arguments, without the `tiendo: ` prefix:
 * what is wrong, the closest correct thing, and where to look. Null for help and version, which
 * are not mistakes.
 */
export function mistakeLine(err: CommanderError, cmd: Command, lang: Lang): string | null {
  if (NOT_MISTAKES.has(err.code)) return null;
  const vi = lang === 'vi';
  const path = commandPath(cmd);
  const see = vi ? ` Xem "${path} --help"` : ` See "${path} --help"`;
  const [first, second] = quoted(err.message);
  const word = MISTAKES.get(err.code) ?? otherMistake;
  return word({ err, cmd, vi, path, see, first, second });
}

const MISTAKES = new Map<string, (m: Mistake) => string>([
  ['commander.unknownOption', unknownOption],
  ['commander.unknownCommand', unknownCommand],
  ['commander.invalidArgument', invalidArgument],
  ['commander.missingArgument', missingArgument],
  ['commander.optionMissingArgument', optionMissingArgument],
  ['commander.missingMandatoryOptionValue', missingMandatoryOptionValue],
  ['commander.excessArguments', excessArguments],
]);

function unknownOption({ err, cmd, vi, see, first }: Mistake): string {
  const flag = (first ?? '').replace(/=.*$/, '');
  let guess = flag.startsWith('--') ? closest(flag, flagsOf(cmd)) : undefined;
  // An option of a command given before the command's name: `tiendo --as-of 2024-09-30 validate`.
  const owners = !guess && !cmd.parent ? cmd.commands.filter((c) => c.options.some((o) => o.long === flag)).map((c) => c.name()) : [];
  const [owner] = owners;
  if (owner !== undefined) {
    return vi
      ? `tùy chọn ${flag} thuộc lệnh ${owners.join(', ')} — đặt sau tên lệnh, ví dụ "tiendo ${owner} … ${flag} …".${see}`
      : `the option ${flag} belongs to the command ${owners.join(', ')} — put it after the command's name, e.g. "tiendo ${owner} … ${flag} …".${see}`;
  }
  if (!guess) guess = /Did you mean (?:one of )?(\S+?)\??\)/.exec(err.message)?.[1];
  if (vi) return `không có tùy chọn ${flag}${guess ? ` — có phải ${guess}?` : '.'}${see}`;
  return `no option ${flag}${guess ? ` — did you mean ${guess}?` : '.'}${see}`;
}

function unknownCommand({ cmd, vi, see, first }: Mistake): string {
  const names = cmd.commands.map((c) => c.name());
  const guess = closest(first ?? '', names);
  if (vi) return `không có lệnh ${first}${guess ? ` — có phải ${guess}?` : ` — các lệnh: ${names.join(', ')}.`}${see}`;
  return `no command ${first}${guess ? ` — did you mean ${guess}?` : ` — the commands are ${names.join(', ')}.`}${see}`;
}

/** `option '--format <format>' argument 'xml' is invalid. Allowed choices are text, json.` */
function invalidArgument({ cmd, vi, see, first, second }: Mistake): string {
  const option = first !== undefined ? findOption(cmd, first) : undefined;
  const name = option?.long ?? first;
  const choices = option?.argChoices ?? [];
  const guess = second !== undefined ? closest(second, choices) : undefined;
  if (vi) {
    const list = choices.length ? `chọn một trong: ${choices.join(', ')}` : 'xem giá trị hợp lệ';
    return `${name} không nhận "${second}" — ${guess ? `có phải ${guess}? (${list})` : list}.${see}`;
  }
  const list = choices.length ? `one of: ${choices.join(', ')}` : 'see the values allowed';
  return `${name} does not take "${second}" — ${guess ? `did you mean ${guess}? (${list})` : list}.${see}`;
}

function missingArgument({ cmd, vi, path, see, first }: Mistake): string {
  const arg = cmd.registeredArguments.find((a) => a.name() === first);
  const shown = arg ? (arg.variadic ? `<${arg.name()}...>` : `<${arg.name()}>`) : `<${first}>`;
  const what = arg?.description ? `: ${arg.description}` : '';
  return vi
    ? `lệnh ${cmd.name()} cần ${shown}${what} — ví dụ "${path} thang9/".${see}`
    : `the command ${cmd.name()} needs ${shown}${what} — e.g. "${path} sept/".${see}`;
}

function optionMissingArgument({ cmd, vi, see, first }: Mistake): string {
  const o = first !== undefined ? findOption(cmd, first) : undefined;
  const value = (o?.flags ?? '').replace(/^.*?(<[^>]*>|\[[^\]]*\])$/, '$1');
  const what = o?.description ? ` — ${o.description}` : '';
  return vi
    ? `tùy chọn ${o?.long ?? first} cần một giá trị ${value}${what}.${see}`
    : `the option ${o?.long ?? first} needs a value ${value}${what}.${see}`;
}

function missingMandatoryOptionValue({ cmd, vi, see, first }: Mistake): string {
  const o = first !== undefined ? findOption(cmd, first) : undefined;
  return vi
    ? `lệnh ${cmd.name()} cần ${described(o, first ?? '')}.${see}`
    : `the command ${cmd.name()} needs ${described(o, first ?? '')}.${see}`;
}

function excessArguments({ cmd, vi, see }: Mistake): string {
  const extraArgs = cmd.args.slice(cmd.registeredArguments.length);
  const shown = extraArgs.map((a) => `"${a}"`).join(', ') || '…';
  return vi
    ? `lệnh ${cmd.name()} không nhận thêm đối số ${shown} (mỗi giá trị phải đi ngay sau tùy chọn của nó).${see}`
    : `the command ${cmd.name()} takes no further argument ${shown} (each value goes right after its option).${see}`;
}

/** Any other commander error: its own words, on one line. */
function otherMistake({ err, see }: Mistake): string {
  return `${err.message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ')}${see}`;
}
