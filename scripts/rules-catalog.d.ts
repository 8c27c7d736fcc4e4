// Types of scripts/rules-catalog.js for the tests that import it (the script itself is plain ESM).
export const ROOT: string;
export const CATALOG: string;
export const TABLE_START: string;
export const TABLE_END: string;
export function pagesWithTable(): string[];
export function ruleFiles(dir?: string, spec?: { id: string; severity: string }[]): string[];
export function catalogSource(ids: string[]): string;
export function update(path: string, text: string): boolean;
export function withRulesTable(page: string, table: string): string;
