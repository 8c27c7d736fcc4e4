// The fixture generators are plain JS, independent of tiendo's code (they are the oracle); these are
// the shapes the tests rely on.
declare module '*/scripts/province.js' {
  export interface GeneratedDiagnostic {
    file: string;
    row: number | null;
    rule: string;
    severity: string;
  }
  export function generateProvince(options: {
    outDir: string;
    communes?: number;
    twoTier?: boolean;
    seed?: number;
    asOf?: string;
    bacGiang?: boolean;
    plant?: boolean;
  }): Promise<{ expected: GeneratedDiagnostic[]; truth: any }>;
}
