// Types of scripts/gen-rules.js for the tests that import it (the script itself is plain ESM).
export const TABLE_START: string;
export const TABLE_END: string;
export function ruleFiles(dir?: string, spec?: { id: string; severity: string }[]): string[];
export function catalogSource(ids: string[]): string;
export function withRulesTable(readme: string, table: string): string;
