// tiendo.config.json: rule severities, thresholds, report header texts.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from './errors.js';
import type { Config, RuleId, Severity } from './types.js';

export const DEFAULT_CONFIG: Config = {
  severities: {},
  thresholds: { maxOpenTasksPerOwner: 7, atRiskDays: 30, atRiskGap: 30 },
  header: {},
  maxFileBytes: 200 * 1024 * 1024,
};

const SEVERITIES: Severity[] = ['error', 'warning', 'off'];

/** Reads `--config F`, else `tiendo.config.json` in the working folder, else the defaults. */
export function loadConfig(path: string | undefined, cwd = process.cwd()): Config {
  const file = path ?? resolve(cwd, 'tiendo.config.json');
  if (!existsSync(file)) {
    if (path) throw new UsageError(`Không tìm thấy tệp cấu hình ${path}`, `The configuration file ${path} is not there`);
    return structuredClone(DEFAULT_CONFIG);
  }
  const obj = readObject(file);
  const config = structuredClone(DEFAULT_CONFIG);
  readSeverities(obj, file, config);
  readThresholds(obj, file, config);
  if (obj.header && typeof obj.header === 'object') config.header = { ...(obj.header as Config['header']) };
  if (obj.maxFileBytes !== undefined) config.maxFileBytes = readMaxFileBytes(obj.maxFileBytes, file);
  return config;
}

/** The file's JSON object, or a UsageError saying what it is instead. */
function readObject(file: string): Record<string, unknown> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new UsageError(
      `Tệp cấu hình ${file} không phải JSON hợp lệ: ${(e as Error).message}`,
      `The configuration file ${file} is not valid JSON: ${(e as Error).message}`,
    );
  }
  if (!raw || typeof raw !== 'object')
    throw new UsageError(`Tệp cấu hình ${file} phải là một đối tượng JSON`, `The configuration file ${file} must be a JSON object`);
  return raw as Record<string, unknown>;
}

/** `rules`: a severity for each rule id. */
function readSeverities(obj: Record<string, unknown>, file: string, config: Config): void {
  const rules = (obj.rules ?? {}) as Record<string, unknown>;
  for (const [id, sev] of Object.entries(rules)) {
    if (typeof sev !== 'string' || !SEVERITIES.includes(sev as Severity)) {
      throw new UsageError(
        `Tệp cấu hình ${file}: mức "${String(sev)}" của quy tắc ${id} phải là error, warning hoặc off`,
        `The configuration file ${file}: the severity "${String(sev)}" of ${id} must be error, warning or off`,
      );
    }
    config.severities[id as RuleId] = sev as Severity;
  }
}

/** `thresholds` (or each threshold at the top level): numbers, 0 or more. */
function readThresholds(obj: Record<string, unknown>, file: string, config: Config): void {
  const thresholds = (obj.thresholds ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(config.thresholds) as (keyof Config['thresholds'])[]) {
    const v = thresholds[key] ?? obj[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw new UsageError(
        `Tệp cấu hình ${file}: ${key} phải là một số không âm`,
        `The configuration file ${file}: ${key} must be a number, 0 or more`,
      );
    }
    config.thresholds[key] = v;
  }
}

/**
 * The bound on one input file and on what its parts inflate to (zip bombs); a workbook's
 * cells are bounded by it too (one cell per 100 bytes, src/read/xlsx.ts).
 */
function readMaxFileBytes(v: unknown, file: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 1) {
    throw new UsageError(
      `Tệp cấu hình ${file}: maxFileBytes phải là một số byte dương (mặc định ${DEFAULT_CONFIG.maxFileBytes})`,
      `The configuration file ${file}: maxFileBytes must be a positive number of bytes (default ${DEFAULT_CONFIG.maxFileBytes})`,
    );
  }
  return Math.floor(v);
}
