// The command line: arguments → library → reporters → exit code. The only module that touches
// stdout, stderr and the exit code.
import { readFileSync } from 'node:fs';
import chalk from 'chalk';
import { Command, CommanderError, Option } from 'commander';
import { unknownRuleIds } from './check/index.js';
import { loadConfig } from './config.js';
import { UsageError } from './errors.js';
import { parseAsOf, validate, validateExitCode } from './index.js';
import { RULES } from './rules/index.js';
import { validateJson, validateText } from './report/validate.js';
import { rulesJson, rulesMarkdown, rulesText } from './report/rules.js';
import { closest, colorLevel, helpConfiguration, langOf, mistakeLine, usageWords } from './report/usage.js';
import { checkYear } from './template.js';
import type { Lang } from './types.js';
import { tuneHeapFor, tuneV8 } from './v8-tuning.js';
import { checkOutputDir } from './write/atomic.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

interface Common {
  units?: string;
  roster?: string;
  asOf?: string;
  config?: string;
  format: 'text' | 'json';
  lang: Lang;
  convert?: boolean;
  /** `--progress F`, repeated */
  progress: string[];
  compare?: string[];
  compareAsOf?: string;
}

/** Called as each register is read: the heap tuned to the run's size (v8-tuning.ts), and on a terminal a bar. */
function readProgress(): (done: number, total: number) => void {
  const bar = process.stderr.isTTY;
  return (done, total) => {
    if (done === 1) tuneHeapFor(total);
    if (!bar || total <= 5) return;
    const width = 30;
    const filled = Math.round((done / total) * width);
    process.stderr.write(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total}`);
    if (done === total) process.stderr.write('\r' + ' '.repeat(width + 20) + '\r');
  };
}

const NO_UNITS = {
  vi: 'tiendo: không tìm thấy units.csv — không xác định đơn vị của các tệp và không kiểm tra người chịu trách nhiệm (chỉ rõ bằng --units)\n',
  en: 'tiendo: no units.csv found — registers are checked without their units and without the roster (give one with --units)\n',
};

function out(text: string): void {
  process.stdout.write(text);
}

/** Writes pieces of a long result as they are made, waiting whenever stdout's buffer is full. */
async function outChunks(chunks: Iterable<string>): Promise<void> {
  let pending = '';
  for (const chunk of chunks) {
    pending += chunk;
    if (pending.length < 1 << 16) continue;
    const flushed = process.stdout.write(pending);
    pending = '';
    if (!flushed) await new Promise((resolve) => process.stdout.once('drain', resolve));
  }
  if (pending) process.stdout.write(pending);
}

function integer(name: string) {
  return (v: string): number => {
    if (!/^\d+$/.test(v)) {
      throw new UsageError(
        `${name} phải là một số nguyên không âm, ví dụ ${name} 10, không phải "${v}"`,
        `${name} must be a whole number, e.g. ${name} 10, not "${v}"`,
      );
    }
    return Number(v);
  };
}

/** The language of every text the command line shows: `--lang en`, read from argv before parsing. */
let LANG: Lang = 'vi';
const t = (vi: string, en: string): string => (LANG === 'en' ? en : vi);

function common(cmd: Command): Command {
  return cmd
    .option(
      '--units <file>',
      t(
        'danh mục đơn vị units.csv (mặc định: cạnh tệp đầu vào hoặc thư mục hiện tại)',
        'the units register units.csv (default: beside the inputs or in the working folder)',
      ),
    )
    .option('--roster <file>', t('danh sách cán bộ roster.csv (mặc định như --units)', 'the cadre roster roster.csv (default: as --units)'))
    .option('--as-of <date>', t('ngày tính (yyyy-mm-dd); mặc định hôm nay', 'the date to check as of (yyyy-mm-dd); default today'))
    .option(
      '--config <file>',
      t(
        'tệp cấu hình (mặc định tiendo.config.json ở thư mục hiện tại)',
        'the configuration file (default tiendo.config.json in the working folder)',
      ),
    )
    .addOption(new Option('--format <format>', t('định dạng kết quả', 'the output format')).choices(['text', 'json']).default('text'))
    .addOption(new Option('--lang <lang>', t('ngôn ngữ thông báo', 'the language of messages')).choices(['vi', 'en']).default('vi'))
    .option(
      '--convert',
      t(
        'chuyển tệp .xls, .ods sang .xlsx bằng LibreOffice (soffice) trước khi đọc',
        'convert .xls, .ods files to .xlsx with LibreOffice (soffice) before reading',
      ),
    )
    .option(
      '--progress <file>',
      t(
        'tệp cập nhật tiến độ (Mã việc, Ngày báo cáo, Tiến độ …); nêu nhiều lần cho nhiều tệp',
        'a file of progress updates (Mã việc, Ngày báo cáo, Tiến độ …); repeat for several',
      ),
      (v: string, all: string[]) => [...all, v],
      [] as string[],
    )
    .option(
      '--compare <paths...>',
      t('so sánh với các tệp đăng ký kỳ trước (thư mục tháng trước)', "compare with the previous registers (last month's folder)"),
    )
    .option(
      '--compare-as-of <date>',
      t(
        'ngày tính của kỳ trước; mặc định ngày trước ngày đầu kỳ',
        'the as-of date of the previous registers; default the day before the period starts',
      ),
    )
    .option('--no-color', t('không tô màu (như NO_COLOR=1)', 'no colours (as NO_COLOR=1)'));
}

function notices(lines: string[]): void {
  for (const line of lines) process.stderr.write(`tiendo: ${line}\n`);
}

/** A mistake commander found, with the command it found it in (for the line's "Xem … --help"). */
class CommandMistake extends Error {
  constructor(
    readonly error: CommanderError,
    readonly command: Command,
  ) {
    super(error.message);
  }
}

/**
 * Commander's help in the language asked for, and its errors raised as CommandMistake rather than
 * printed in English with 25 lines of help: main() words them as one line.
 */
function localise(cmd: Command, lang: Lang): void {
  const words = usageWords(lang);
  cmd.exitOverride((err) => {
    throw new CommandMistake(err, cmd);
  });
  if (!cmd.parent) cmd.usage(`${words.options} ${words.command}`);
  for (const sub of cmd.commands) localise(sub, lang);
}

export function buildProgram(lang: Lang = 'vi'): Command {
  LANG = lang;
  const words = usageWords(lang);
  const program = new Command('tiendo')
    .description(
      t(
        'Kiểm tra và tổng hợp tiến độ việc khó, nhiệm vụ trọng tâm, việc đột phá',
        'Checks and rolls up the registers of difficult tasks, key tasks and breakthrough tasks',
      ),
    )
    // Set before the commands are made: they inherit them.
    .configureOutput({ outputError: () => undefined }) // main() prints one line of its own
    .configureHelp(helpConfiguration(lang))
    .helpOption('-h, --help', t('hiện trợ giúp', 'show this help'))
    .helpCommand(t('help [lệnh]', 'help [command]'), t('hiện trợ giúp của một lệnh', 'show the help of a command'))
    .version(pkg.version, '-V, --version', t('hiện số phiên bản', 'show the version number'))
    .option('--no-color', t('không tô màu (như NO_COLOR=1)', 'no colours (as NO_COLOR=1)'));

  common(program.command('validate'))
    .description(t('kiểm tra các tệp đăng ký', 'check registers'))
    .usage(`<paths...> ${words.options}`)
    .argument('<paths...>', t('tệp, thư mục hoặc mẫu tên (glob)', 'files, folders or globs'))
    .option('--unit <code>', t('mã đơn vị của tệp (chỉ khi kiểm tra một tệp)', 'the unit code of the register (one register only)'))
    .option('--annotate <dir>', t('ghi bản sao có đánh dấu lỗi vào thư mục này', 'write annotated copies into this folder'))
    .option(
      '--max-warnings <n>',
      t('thoát mã 1 khi số cảnh báo vượt quá n', 'exit 1 when there are more than n warnings'),
      integer('--max-warnings'),
    )
    .option(
      '--period <period>',
      t(
        'kỳ báo cáo (việc chưa cập nhật trong kỳ: report-stale): 2024-03, Quý III/2024 …; mặc định tháng của ngày tính',
        'the period (tasks not updated in it: report-stale): 2024-03, 2024-Q3 …; default the month of the as-of date',
      ),
    )
    .action(async (paths: string[], o: Common & { unit?: string; annotate?: string; maxWarnings?: number; period?: string }) => {
      // Before any register is read: a folder that cannot take the copies fails now, not after the reading.
      if (o.annotate) checkOutputDir(o.annotate, '--annotate');
      const { result, run } = await validate({
        paths,
        units: o.units,
        roster: o.roster,
        asOf: o.asOf ? parseAsOf(o.asOf) : undefined,
        unit: o.unit,
        config: o.config,
        lang: o.lang,
        annotate: o.annotate,
        convert: o.convert,
        progress: o.progress,
        period: o.period,
        compare: o.compare,
        compareAsOf: o.compareAsOf ? parseAsOf(o.compareAsOf, '--compare-as-of') : undefined,
        onProgress: readProgress(),
      });
      notices(run.notices);
      if (!run.unitsPath) process.stderr.write(NO_UNITS[o.lang]);
      out(o.format === 'json' ? validateJson(result) : validateText(result, o.lang));
      const code = validateExitCode(result, run, o.maxWarnings);
      if (code === 1 && result.summary.errors === 0 && o.maxWarnings !== undefined) {
        process.stderr.write(
          o.lang === 'en'
            ? `tiendo: ${result.summary.warnings} warning${result.summary.warnings === 1 ? '' : 's'}, more than --max-warnings ${o.maxWarnings} → exit code 1\n`
            : `tiendo: ${result.summary.warnings} cảnh báo, vượt mức --max-warnings ${o.maxWarnings} → mã thoát 1\n`,
        );
      }
      process.exitCode = code;
    });

  common(program.command('rollup'))
    .description(t('tổng hợp các tệp đăng ký thành báo cáo', 'roll registers up into summary workbooks'))
    .usage(`<paths...> --out <dir> ${words.options}`)
    .argument('<paths...>', t('tệp, thư mục hoặc mẫu tên (glob)', 'files, folders or globs'))
    .requiredOption('--out <dir>', t('thư mục ghi các tệp báo cáo', 'the folder the workbooks are written to'))
    .option('--period <period>', t('kỳ báo cáo: 2024-03, 2024-Q3, 2024-H1, 2024', 'the period: 2024-03, 2024-Q3, 2024-H1, 2024'))
    .option('--unit <code>', t('chỉ tổng hợp đơn vị này và các đơn vị trực thuộc', 'roll up this unit and the units under it only'))
    .option(
      '--pdf',
      t(
        'in thêm mỗi báo cáo ra PDF (Tổng hợp, Theo lĩnh vực, Quá hạn) bằng LibreOffice',
        'also print each workbook to PDF (Tổng hợp, Theo lĩnh vực, Quá hạn) with LibreOffice',
      ),
    )
    .action(async (paths: string[], o: Common & { out: string; period?: string; unit?: string; pdf?: boolean }) => {
      // Before any register is read: the province's registers take a while, and /proc would spin.
      checkOutputDir(o.out, '--out');
      const { rollup, rollupExitCode } = await import('./rollup.js');
      const { rollupJsonChunks, rollupText } = await import('./report/rollup.js');
      const r = await rollup({
        paths,
        units: o.units,
        roster: o.roster,
        asOf: o.asOf ? parseAsOf(o.asOf) : undefined,
        period: o.period,
        scope: o.unit,
        config: o.config,
        lang: o.lang,
        out: o.out,
        convert: o.convert,
        progress: o.progress,
        compare: o.compare,
        compareAsOf: o.compareAsOf ? parseAsOf(o.compareAsOf, '--compare-as-of') : undefined,
        onProgress: readProgress(),
        pdf: o.pdf,
        // one line a PDF, as each is printed: LibreOffice is slow on each workbook
        onPdf: (p) =>
          process.stderr.write(
            `tiendo: PDF ${p.done}/${p.total}: ${
              p.pdf ? `${t('đã ghi', 'wrote')} ${p.pdf}` : `${t('không in được', 'not printed')}: ${p.workbook}`
            }\n`,
          ),
      });
      notices(r.run.notices);
      if (o.format === 'json') await outChunks(rollupJsonChunks(r.result));
      else out(rollupText(r.result, o.lang));
      process.exitCode = rollupExitCode(r);
    });

  program
    .command('template')
    .description(t('tạo tệp mẫu đăng ký cho một đơn vị', 'write a register template for one unit'))
    .usage(`--unit <code> --out <file> ${words.options}`)
    .requiredOption('--unit <code>', t('mã đơn vị', 'the unit code'))
    .requiredOption('--out <file>', t('tệp .xlsx cần ghi', 'the .xlsx file to write'))
    .option('--units <file>', t('danh mục đơn vị units.csv', 'the units register units.csv'))
    .option(
      '--roster <file>',
      t('danh sách cán bộ roster.csv (mặc định: cạnh units.csv)', 'the cadre roster roster.csv (default: beside units.csv)'),
    )
    .option('--year <yyyy>', t('năm đăng ký, bốn chữ số', "the register's year, four digits"), checkYear)
    .option('--as-of <date>', t('ngày tính (cán bộ đương chức vào ngày này)', 'the date the roster is read as of'))
    .option('--force', t('ghi đè tệp đã có', 'overwrite an existing file'))
    .addOption(new Option('--lang <lang>', t('ngôn ngữ thông báo', 'the language of messages')).choices(['vi', 'en']).default('vi'))
    .option('--no-color', t('không tô màu (như NO_COLOR=1)', 'no colours (as NO_COLOR=1)'))
    .action(
      async (o: {
        unit: string;
        out: string;
        units?: string;
        roster?: string;
        year?: number;
        asOf?: string;
        force?: boolean;
        lang: Lang;
      }) => {
        const { template } = await import('./template.js');
        const path = await template({
          unit: o.unit,
          out: o.out,
          units: o.units,
          roster: o.roster,
          year: o.year,
          force: o.force,
          asOf: o.asOf ? parseAsOf(o.asOf) : undefined,
        });
        process.stderr.write(o.lang === 'en' ? `Wrote ${path}\n` : `Đã ghi ${path}\n`);
      },
    );

  program
    .command('rules')
    .description(t('liệt kê các quy tắc kiểm tra, với mức theo cấu hình', 'list the rules, at their configured severities'))
    .usage(words.options)
    .addOption(
      new Option('--format <format>', t('định dạng (md: bảng quy tắc của README)', "the output format (md: the README's rule table)"))
        .choices(['text', 'json', 'md'])
        .default('text'),
    )
    .addOption(new Option('--lang <lang>', t('ngôn ngữ', 'the language')).choices(['vi', 'en']).default('vi'))
    .option(
      '--config <file>',
      t(
        'tệp cấu hình (mặc định tiendo.config.json ở thư mục hiện tại)',
        'the configuration file (default tiendo.config.json in the working folder)',
      ),
    )
    .option('--no-color', t('không tô màu (như NO_COLOR=1)', 'no colours (as NO_COLOR=1)'))
    .action((o: { format: 'text' | 'json' | 'md'; lang: Lang; config?: string }) => {
      const config = loadConfig(o.config);
      out(
        o.format === 'json'
          ? rulesJson(RULES, config)
          : o.format === 'md'
            ? rulesMarkdown(RULES, config)
            : rulesText(RULES, o.lang, config),
      );
      const unknown = unknownRuleIds(config);
      if (unknown.length) {
        // The list above is what the user needs to fix it; the mistake still exits 2.
        const guesses = unknown
          .map((id) =>
            closest(
              id,
              RULES.map((r) => r.meta.id),
            ),
          )
          .filter((g) => g !== undefined);
        throw new UsageError(
          `tệp cấu hình nêu quy tắc không có: ${unknown.join(', ')}${guesses.length ? ` — có phải ${guesses.join(', ')}?` : ''} (các quy tắc là những quy tắc liệt kê ở trên)`,
          `the configuration names rules that do not exist: ${unknown.join(', ')}${guesses.length ? ` — did you mean ${guesses.join(', ')}?` : ''} (the rules are those listed above)`,
        );
      }
    });

  localise(program, lang);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const lang = langOf(argv.slice(2));
  chalk.level = colorLevel(chalk.level, process.env, argv.slice(2));
  const program = buildProgram(lang);
  // `tiendo help valdate`: commander prints the whole help; a misspelt command is one line like any other.
  const [first, second] = argv.slice(2);
  if (first === 'help' && second && !second.startsWith('-') && !program.commands.some((c) => c.name() === second)) {
    process.stderr.write(
      `tiendo: ${mistakeLine(new CommanderError(1, 'commander.unknownCommand', `error: unknown command '${second}'`), program, lang)}\n`,
    );
    return 2;
  }
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommandMistake) {
      const err = e.error;
      // --help, --version, `tiendo help`: asked for, exit 0. `tiendo` alone: the help on stderr, exit 2.
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return 0;
      if (err.code === 'commander.help') return err.exitCode === 0 ? 0 : 2;
      const line = mistakeLine(err, e.command, lang);
      if (line) process.stderr.write(`tiendo: ${line}\n`);
      return 2;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`tiendo: ${e.text(lang)}\n`);
      return 2;
    }
    process.stderr.write(
      `tiendo: lỗi không mong đợi — xin báo lại kèm thông tin sau (unexpected error, please report):\n${(e as Error)?.stack ?? String(e)}\n`,
    );
    return 2;
  }
}

tuneV8();

process.exitCode = await main(process.argv);
