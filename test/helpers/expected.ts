// Comparing what tiendo reports with the diagnostics written beside a fixture.
export interface ExpectedDiagnostic {
  file: string;
  row: number | null;
  rule: string;
  severity?: string;
}

export interface ReportedDiagnostic {
  file: string;
  row: number | null;
  rule: string;
  severity: string;
  message: string;
}

/** Warnings whose every occurrence is planted and listed; overdue and at-risk follow from the data. */
export const LISTED_WARNINGS = new Set(['legacy-encoding', 'owner-multiple', 'owner-overloaded', 'completion-date-missing']);

const key = (d: { file: string; row: number | null; rule: string }) => `${d.file} | row ${d.row} | ${d.rule}`;

/** The expected set and the reported set of (file, row, rule), errors and listed warnings only, as sorted lists. */
export function compareSets(
  expected: ExpectedDiagnostic[],
  reported: ReportedDiagnostic[],
  prefix = '',
): { expected: string[]; reported: string[] } {
  const listed = reported.filter((d) => d.severity === 'error' || LISTED_WARNINGS.has(d.rule));
  return {
    expected: [...new Set(expected.map((d) => key({ ...d, file: prefix + d.file })))].sort(),
    reported: [...new Set(listed.map(key))].sort(),
  };
}
