// The people of an owner cell are told apart before the cell is cleaned: cleaning turns a line
// break into a space, and two names on two lines would read as one person.
import { describe, expect, it } from 'vitest';
import { normaliseRegister } from '../../src/normalise/register.js';
import type { RawWorkbook } from '../../src/types.js';

const HEADER = ['STT', 'Nội dung công việc', 'Người chịu trách nhiệm', 'Thời hạn hoàn thành'];

function task(owner: string) {
  const workbook: RawWorkbook = {
    kind: 'xlsx',
    sheets: [
      {
        name: 'Danh mục',
        rowCount: 2,
        columnCount: 4,
        rows: [
          { number: 1, cells: HEADER.map((text) => ({ text })) },
          { number: 2, cells: [{ text: '1', number: 1 }, { text: 'Việc một' }, { text: owner }, { text: '31/12/2024' }] },
        ],
      },
    ],
  };
  const register = normaliseRegister({
    path: 'x.xlsx',
    displayPath: 'x.xlsx',
    read: { ok: true, kind: 'xlsx', workbook, problems: [] },
    resolver: null,
    unitOption: null,
  });
  const [first] = register.tasks;
  if (!first) throw new Error('no task read');
  return first;
}

describe('an owner cell', () => {
  it('names two people on two lines of one cell', () => {
    const t = task('Nguyễn Văn An\nTrần Thị Hà');
    expect(t.owners).toEqual(['Nguyễn Văn An', 'Trần Thị Hà']);
    expect(t.owner).toBe('Nguyễn Văn An Trần Thị Hà');
  });
  it('names one person whose name is broken over two lines by a position', () => {
    expect(task('Nguyễn Văn An\n- Chủ tịch UBND xã').owners).toEqual(['Nguyễn Văn An']);
  });
  it('names two people of a bulleted list', () => {
    expect(task('- Nguyễn Văn An\n- Trần Thị Hà').owners).toEqual(['Nguyễn Văn An', 'Trần Thị Hà']);
  });
  it('names one person on one line', () => {
    expect(task('  Nguyễn  Văn An ').owners).toEqual(['Nguyễn Văn An']);
  });
});
