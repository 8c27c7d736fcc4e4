// The command line: arguments → library → reporters → exit code. The only module that touches
// stdout, stderr and the exit code.
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { UsageError } from './errors.js';
import { parseAsOf, validate, validateExitCode } from './index.js';
import { RULES } from './rules/index.js';
import { validateJson, validateText } from './report/validate.js';
import { rulesJson, rulesText } from './report/rules.js';
import type { Lang } from './types.js';
import { tuneV8 } from './v8-tuning.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

interface Common {
  units?: string;
  roster?: string;
  asOf?: string;
  config?: string;
  format: 'text' | 'json';
  lang: Lang;
  convert?: boolean;
}

function progressBar(): ((done: number, total: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  return (done, total) => {
    if (total <= 5) return;
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

function integer(name: string) {
  return (v: string): number => {
    if (!/^\d+$/.test(v)) throw new UsageError(`${name} phải là một số nguyên không âm, không phải "${v}"`);
    return Number(v);
  };
}

function common(cmd: Command): Command {
  return cmd
    .option('--units <file>', 'danh mục đơn vị units.csv (mặc định: cạnh tệp đầu vào hoặc thư mục hiện tại)')
    .option('--roster <file>', 'danh sách cán bộ roster.csv (mặc định như --units)')
    .option('--as-of <date>', 'ngày tính (yyyy-mm-dd); mặc định hôm nay')
    .option('--config <file>', 'tệp cấu hình (mặc định tiendo.config.json ở thư mục hiện tại)')
    .addOption(new Option('--format <format>', 'định dạng kết quả').choices(['text', 'json']).default('text'))
    .addOption(new Option('--lang <lang>', 'ngôn ngữ thông báo').choices(['vi', 'en']).default('vi'))
    .option('--convert', 'chuyển tệp .xls, .ods sang .xlsx bằng LibreOffice (soffice) trước khi đọc');
}

function notices(lines: string[]): void {
  for (const line of lines) process.stderr.write(`tiendo: ${line}\n`);
}

export function buildProgram(): Command {
  const program = new Command('tiendo')
    .description('Kiểm tra và tổng hợp tiến độ việc khó, nhiệm vụ trọng tâm, việc đột phá (checks and rolls up task registers)')
    .version(pkg.version, '-V, --version')
    .showHelpAfterError()
    .exitOverride();

  common(program.command('validate'))
    .description('kiểm tra các tệp đăng ký (check registers)')
    .argument('<paths...>', 'tệp, thư mục hoặc mẫu tên (glob)')
    .option('--unit <code>', 'mã đơn vị của tệp (chỉ khi kiểm tra một tệp)')
    .option('--annotate <dir>', 'ghi bản sao có đánh dấu lỗi vào thư mục này')
    .option('--max-warnings <n>', 'thoát mã 1 khi số cảnh báo vượt quá n', integer('--max-warnings'))
    .action(async (paths: string[], o: Common & { unit?: string; annotate?: string; maxWarnings?: number }) => {
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
        onProgress: progressBar(),
      });
      notices(run.notices);
      if (!run.unitsPath) process.stderr.write(NO_UNITS[o.lang]);
      out(o.format === 'json' ? validateJson(result) : validateText(result, o.lang));
      process.exitCode = validateExitCode(result, run, o.maxWarnings);
    });

  common(program.command('rollup'))
    .description('tổng hợp các tệp đăng ký thành báo cáo (roll up into summary workbooks)')
    .argument('<paths...>', 'tệp, thư mục hoặc mẫu tên (glob)')
    .requiredOption('--out <dir>', 'thư mục ghi các tệp báo cáo')
    .option('--period <period>', 'kỳ báo cáo: 2024-03, 2024-Q3, 2024-H1, 2024')
    .action(async (paths: string[], o: Common & { out: string; period?: string }) => {
      const { rollup, rollupExitCode } = await import('./rollup.js');
      const { rollupJson, rollupText } = await import('./report/rollup.js');
      const r = await rollup({
        paths,
        units: o.units,
        roster: o.roster,
        asOf: o.asOf ? parseAsOf(o.asOf) : undefined,
        period: o.period,
        config: o.config,
        lang: o.lang,
        out: o.out,
        convert: o.convert,
        onProgress: progressBar(),
      });
      notices(r.run.notices);
      out(o.format === 'json' ? rollupJson(r.result) : rollupText(r.result, o.lang));
      process.exitCode = rollupExitCode(r);
    });

  program.command('template')
    .description('tạo tệp mẫu đăng ký cho một đơn vị (write a register template)')
    .requiredOption('--unit <code>', 'mã đơn vị')
    .requiredOption('--out <file>', 'tệp .xlsx cần ghi')
    .option('--units <file>', 'danh mục đơn vị units.csv')
    .option('--roster <file>', 'danh sách cán bộ roster.csv')
    .option('--year <yyyy>', 'năm đăng ký', integer('--year'))
    .option('--as-of <date>', 'ngày tính (cán bộ đương chức vào ngày này)')
    .action(async (o: { unit: string; out: string; units?: string; roster?: string; year?: number; asOf?: string }) => {
      const { template } = await import('./template.js');
      const path = await template({ ...o, asOf: o.asOf ? parseAsOf(o.asOf) : undefined });
      process.stderr.write(`Đã ghi ${path}\n`);
    });

  program.command('rules')
    .description('liệt kê các quy tắc kiểm tra (list the rules)')
    .addOption(new Option('--format <format>', 'định dạng').choices(['text', 'json']).default('text'))
    .addOption(new Option('--lang <lang>', 'ngôn ngữ').choices(['vi', 'en']).default('vi'))
    .action((o: { format: 'text' | 'json'; lang: Lang }) => {
      out(o.format === 'json' ? rulesJson(RULES) : rulesText(RULES, o.lang));
    });

  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return 2; // commander has printed the message
    }
    if (e instanceof UsageError) {
      process.stderr.write(`tiendo: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`tiendo: lỗi không mong đợi — xin báo lại kèm thông tin sau (unexpected error, please report):\n${(e as Error)?.stack ?? String(e)}\n`);
    return 2;
  }
}

tuneV8();

process.exitCode = await main(process.argv);
