// Types of scripts/spec-rules.js for the tests that import it (the script itself is plain ESM).
export const SPEC_PATH: string;
export function specRules(text?: string): { id: string; severity: 'error' | 'warning' | 'off' }[];
