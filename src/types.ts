// The domain of tiendo, in one module: every stage of the pipeline
// (read → normalise → check → classify → aggregate → write) speaks these types.

/** A calendar day, `yyyy-mm-dd`. Never a Date: a day typed 01/03/2024 is 1 March on any machine. */
export type IsoDate = string;

export type Severity = 'error' | 'warning' | 'off';
export type Lang = 'vi' | 'en';

// ───────────────────────────── units and cadres ─────────────────────────────

export interface Unit {
  code: string;
  name: string;
  /** free text from units.csv: tinh, huyen, xa, co-quan … */
  level: string;
  parent: string | null;
  /** first and last day in force, inclusive; null = open */
  from: IsoDate | null;
  to: IsoDate | null;
}

/** The units in force on one day, as a tree. */
/**
 * The units in force on `asOf` and how they nest (normalise/registers.ts `unitTree`): the one tree every
 * stage uses. A unit whose parent is not in force is a root; there are no cycles (unitTree refuses them).
 */
export interface UnitTree {
  asOf: IsoDate;
  /** units in force, in code order */
  units: Unit[];
  byCode: Map<string, Unit>;
  /** the units directly under each unit that has any, in code order */
  children: Map<string, Unit[]>;
  /** in code order */
  roots: Unit[];
}

export interface Cadre {
  name: string;
  /** the name as matched: NFC, no honorific or trailing position, spaces collapsed, case-folded */
  key: string;
  position: string;
  unit: string;
  from: IsoDate | null;
  to: IsoDate | null;
}

export interface Roster {
  cadres: Cadre[];
}

// ───────────────────────────── what the readers return ─────────────────────────────

/** One cell as read, before interpretation. */
export interface Cell {
  /** the text as shown or typed, NFC, trimmed of nothing; '' when empty */
  text: string;
  /** the number held, when the cell holds a number (not a date) */
  number?: number;
  /** the calendar day, when the cell is a date cell or a number in a date format */
  date?: IsoDate;
  /** the cell is formatted as a percentage (its number is a fraction) */
  percent?: boolean;
  /** font name, for legacy encodings (.VnTime, VNI-Times …) */
  font?: string;
  /** an Excel error value (#N/A, #REF! …) */
  error?: string;
  /** a formula with no cached result */
  formulaWithoutResult?: boolean;
  /**
   * the text the cell displays, when a number format (not General) shows its number otherwise
   * than `text` (0.455 in 0.0% shows 45,5%; 44.5 in 0"%" shows 45%): for messages, never for values
   */
  shown?: string;
}

export interface SheetRow {
  /** 1-based row as Excel numbers it; for CSV the line of the record (header = 1) */
  number: number;
  /** 0-based by column: index 0 is column A */
  cells: (Cell | null)[];
}

export interface Sheet {
  name: string;
  rows: SheetRow[];
  /** highest row and column (1-based) seen; used to check diagnostics' locations */
  rowCount: number;
  columnCount: number;
  /** hidden from the workbook's tabs (`state` in workbook.xml): never the register (SPEC §2.3) */
  hidden?: 'hidden' | 'veryHidden';
}

export type FileKind = 'xlsx' | 'csv';

export interface RawWorkbook {
  kind: FileKind;
  sheets: Sheet[];
  /**
   * Set when the cells were let go once the register was read (each sheet keeps its name and size,
   * no rows): how many cells there were. An annotated copy that needs them reads the file again.
   */
  cellsLetGo?: number;
}

// ───────────────────────────── columns ─────────────────────────────

export type ColumnKey =
  | 'id'
  | 'no'
  | 'title'
  | 'category'
  | 'field'
  | 'owner'
  | 'position'
  | 'leadUnit'
  | 'supportUnits'
  | 'assigned'
  | 'deadline'
  | 'target'
  | 'measure'
  | 'achieved'
  | 'progress'
  | 'status'
  | 'completed'
  | 'unitCode'
  | 'note';

export type Status = 'not_started' | 'in_progress' | 'done' | 'paused' | 'cancelled';
export type Category = 'hard' | 'key' | 'breakthrough' | 'pressing';

// ───────────────────────────── values ─────────────────────────────

/** A date read from a cell: empty, a calendar day, or text that is no date. */
export type DateValue =
  | { kind: 'empty' }
  | { kind: 'date'; date: IsoDate; /** a period deadline (Quý III/2024) read as its last day */ period?: string }
  | { kind: 'invalid'; text: string };

export type NumberValue = { kind: 'empty' } | { kind: 'number'; value: number } | { kind: 'invalid'; text: string };

// ───────────────────────────── tasks ─────────────────────────────

export interface Task {
  /** explicit Mã việc, else `${unitCode}-${STT}`, else `${unitCode or file}-r${row}` */
  id: string;
  unitCode: string | null;
  file: string;
  sheet: string | null;
  row: number;
  /** the column letter of each key present in this register */
  columns: Partial<Record<ColumnKey, string>>;
  /** the text of each cell, NFC, trimmed */
  text: Partial<Record<ColumnKey, string>>;
  no: string | null;
  title: string | null;
  category: Category;
  /** the category text could not be read; category then stays 'key' */
  categoryInvalid: boolean;
  /** from the field column, else the section row above */
  field: string | null;
  /** the owner as typed (null when empty) */
  owner: string | null;
  /** each person named in the owner cell, honorific and trailing position removed */
  owners: string[];
  position: string | null;
  leadUnit: string | null;
  assigned: DateValue;
  deadline: DateValue;
  completed: DateValue;
  target: NumberValue;
  achieved: NumberValue;
  /** progress 0–100 as typed, or achieved/target × 100 (uncapped) when empty */
  progress: NumberValue;
  /** progress was computed from achieved and target */
  progressComputed: boolean;
  /** the displayed text of each cell whose number format shows it otherwise than `text` (Cell.shown) */
  shown?: Partial<Record<ColumnKey, string>>;
  /** the status as given, or inferred when empty; null when the text is not in the vocabulary */
  status: Status | null;
  statusInferred: boolean;
  note: string | null;
  /** the date of the last progress update applied, if any (SPEC §2.4) */
  updatedOn?: IsoDate | null;
  /** the dates of the progress updates applied (on or before the as-of date), in the order applied */
  updateDates?: IsoDate[];
  /** a task of the previous registers missing now (--compare): the register(s) now that lack it (rule task-dropped) */
  droppedFrom?: string;
  /** its progress in the previous registers, when lower now (--compare; rule progress-regressed) */
  previousProgress?: { value: number; asOf: IsoDate };
  /** where a value an update replaced now stands: diagnostics about it point at the update's cell */
  at?: Partial<Record<ColumnKey, CellLocation>>;
}

/** One cell of one file. */
export interface CellLocation {
  file: string;
  sheet: string | null;
  row: number;
  column: string;
}

/** The values a progress update may change (SPEC §2.4). */
export type UpdateKey = 'progress' | 'achieved' | 'status' | 'completed' | 'note';

/** One row of progress updates: the task it names, the day it reports on, the cells it changes. */
export interface ProgressUpdate {
  file: string;
  sheet: string | null;
  row: number;
  /** the unit the update is for: its `Mã đơn vị` cell, else its file's unit */
  unitCode: string | null;
  /** `Mã việc` and `STT` as typed (either may be null), with the column of the one that named the task */
  taskId: string | null;
  taskNo: string | null;
  refColumn: string;
  /** the day reported on (`Kỳ báo cáo` means its last day), null when unreadable or empty */
  date: IsoDate | null;
  dateText: string;
  dateColumn: string;
  /** the non-empty cells it carries, with their columns */
  cells: Partial<Record<UpdateKey, { cell: Cell; column: string }>>;
}

/** One register after reading and normalising. */
export interface Register {
  path: string;
  /** the path as shown to the user (relative to the working folder) */
  displayPath: string;
  kind: FileKind | null;
  workbook: RawWorkbook | null;
  /** the sheet holding the tasks */
  sheet: string | null;
  headerRow: number | null;
  columns: Partial<Record<ColumnKey, string>>;
  /** the text lines of the title block above the header, NFC */
  titleLines: string[];
  unit: Unit | null;
  /** how the unit was found */
  unitSource: 'column' | 'title' | 'filename' | 'option' | null;
  tasks: Task[];
  /** problems found while reading, turned into diagnostics by the file rules */
  problems: Problem[];
  /** progress updates read from the register's own `Tiến độ` sheet, or, for a `--progress` file, from it */
  updates?: ProgressUpdate[];
  /** 'progress': a `--progress` file, which holds updates and no tasks (SPEC §2.4) */
  role?: 'register' | 'progress';
}

/** A problem found by a reader; the rule of the same id reports it. */
export interface Problem {
  rule: RuleId;
  at: Partial<Location>;
  messageId?: string;
  data?: Record<string, string | number>;
  taskId?: string | null;
}

// ───────────────────────────── rules and diagnostics ─────────────────────────────

/** A rule's id: derived from the registry (src/rules/index.ts), where listing a rule makes its id. */
export type { RuleId } from './rules/index.js';
import type { RuleId } from './rules/index.js';

export interface Location {
  file: string;
  sheet: string | null;
  row: number | null;
  column: string | null;
}

export interface Diagnostic extends Location {
  rule: RuleId;
  severity: Exclude<Severity, 'off'>;
  taskId: string | null;
  message: string;
  /** the message id and data it was made from, for re-wording in another language */
  messageId: string;
  data: Record<string, string | number>;
}

// ───────────────────────────── classification and counts ─────────────────────────────

export type TaskClass = 'doneOnTime' | 'doneLate' | 'pendingOnTime' | 'pendingOverdue' | 'cancelled' | 'unclassified';

export interface Counts {
  registered: number;
  doneOnTime: number;
  doneLate: number;
  pendingOnTime: number;
  pendingOverdue: number;
  cancelled: number;
  unclassified: number;
  doneInPeriod: number;
  completionRate: number | null;
  onTimeRate: number | null;
}

export interface Period {
  label: string;
  start: IsoDate;
  end: IsoDate;
}

// ───────────────────────────── configuration ─────────────────────────────

export interface Thresholds {
  maxOpenTasksPerOwner: number;
  atRiskDays: number;
  atRiskGap: number;
}

export interface ReportHeader {
  /** superior body, e.g. ĐẢNG BỘ TỈNH BẮC GIANG; default from the root unit */
  superior?: string;
  /** issuing body, e.g. BAN TỔ CHỨC */
  issuer?: string;
  /** place in the date line, e.g. Bắc Giang */
  place?: string;
  /** signer block lines */
  signerTitle?: string;
  signer?: string;
}

export interface Config {
  severities: Partial<Record<RuleId, Severity>>;
  thresholds: Thresholds;
  header: ReportHeader;
  /** upper bound in bytes for one input file (and for an xlsx's inflated parts) */
  maxFileBytes: number;
}
