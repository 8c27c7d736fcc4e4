// fixtures/broken/: files tiendo cannot read as registers, beside one good register.
// expect.json: [{ file, rule }] — file-unreadable or header-missing, one per broken file; the good
// register (07651_good.csv) has no entry.
import { layout, makeRng } from '../fixture-kit.js';
import { PLAIN_COLUMNS, task } from './common.js';

const body = [
  task('Xây dựng nhà văn hóa thôn Thanh Giang', 'Nguyễn Văn An', {
    assigned: '2024-03-01',
    deadline: '2024-12-31',
    progress: 50,
    status: 'in_progress',
  }),
  task('Kết nạp đảng viên mới', 'Phùng Văn Đảng', {
    assigned: '2024-03-01',
    deadline: '2024-06-30',
    progress: 100,
    status: 'done',
    completed: '2024-06-20',
  }),
];

export default async function build(ctx) {
  const expect = [];
  const reg = { columns: PLAIN_COLUMNS, body };
  await ctx.register(
    'broken/07651_good.csv',
    { ...reg, allText: true, dateStyle: 'text:dd/mm/yyyy' },
    { writer: 'csv', csv: { delimiter: ',', eol: '\r\n', encoding: 'utf8bom' } },
  );

  await ctx.bytes('broken/empty.xlsx', Buffer.alloc(0));
  await ctx.bytes('broken/empty.csv', Buffer.alloc(0));
  expect.push({ file: 'empty.xlsx', rule: 'file-unreadable' }, { file: 'empty.csv', rule: 'file-unreadable' });

  // a real legacy .xls (OLE, D0 CF 11 E0) and an .ods, both written by LibreOffice
  await ctx.sofficeConvert('broken/legacy.xls', layout(reg), 'xls');
  await ctx.sofficeConvert('broken/sheet.ods', layout(reg), 'ods');
  expect.push({ file: 'legacy.xls', rule: 'file-unreadable' }, { file: 'sheet.ods', rule: 'file-unreadable' });

  // a register cut in half, and random bytes named .xlsx
  await ctx.register('broken/truncated.xlsx', reg, { writer: 'exceljs', xlsx: {} });
  ctx.after(async ({ read }) => {
    const bytes = read('broken/truncated.xlsx');
    await ctx.bytes('broken/truncated.xlsx', bytes.subarray(0, Math.floor(bytes.length / 2)));
  });
  await ctx.bytes('broken/random.xlsx', makeRng(20240930).bytes(4096));
  expect.push({ file: 'truncated.xlsx', rule: 'file-unreadable' }, { file: 'random.xlsx', rule: 'file-unreadable' });

  // an unrelated spreadsheet: a price list, no register header in it
  await ctx.register(
    'broken/price-list.xlsx',
    {
      columns: [
        { key: 'no', header: 'Mặt hàng' },
        { key: 'title', header: 'Quy cách' },
        { key: 'owner', header: 'Giá bán (đồng)' },
        { key: 'note', header: 'Nhà cung cấp' },
      ],
      title: [[{ c: 0, text: 'BẢNG GIÁ VẬT LIỆU XÂY DỰNG THÁNG 9/2024', span: 4 }], []],
      body: [
        { raw: ['Xi măng PCB40', 'bao 50 kg', 92000, 'Công ty Vật liệu Lục Nam'], kind: 'data' },
        { raw: ['Thép cuộn D6', 'kg', 15500, 'Đại lý Hưng Thịnh'], kind: 'data' },
        { raw: ['Cát vàng', 'm3', 380000, 'Hợp tác xã Yên Sơn'], kind: 'data' },
      ],
    },
    { writer: 'exceljs', xlsx: { sheetName: 'Bảng giá' } },
  );
  expect.push({ file: 'price-list.xlsx', rule: 'header-missing' });

  // a quote opened and never closed
  const stray =
    '\uFEFFSTT,Nội dung công việc,Người chịu trách nhiệm,Thời hạn hoàn thành,Tình trạng\r\n' +
    '1,Xây dựng nhà văn hóa thôn Thanh Giang,Nguyễn Văn An,31/12/2024,Đang thực hiện\r\n' +
    '2,"Kết nạp đảng viên mới,Phùng Văn Đảng,30/06/2024,Đã hoàn thành\r\n' +
    '3,Nạo vét kênh mương nội đồng,Trần Thị Hà,31/12/2024,Đang thực hiện\r\n';
  await ctx.bytes('broken/stray-quote.csv', Buffer.from(stray, 'utf8'));
  expect.push({ file: 'stray-quote.csv', rule: 'file-unreadable' });

  await ctx.json(
    'broken/expect.json',
    expect.sort((a, b) => (a.file < b.file ? -1 : 1)),
  );
}
