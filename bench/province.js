// A minimal province for the benchmark, used when scripts/province.js (the fixtures' full generator)
// is not there. Same call: generateProvince({ outDir, communes, seed }). Registers have the shapes
// of SPEC §2.3 — a title block, a numbered header, sections, ~11 tasks, a signature footer — four in
// five as .xlsx and one in five as .csv (`;`, decimal comma), with a few planted errors; units.csv
// and roster.csv beside them. Deterministic for a seed.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { csvBytes, layout, makeRng, period, writeXlsx } from '../scripts/fixture-kit.js';

const SYLLABLES = [
  'An',
  'Bình',
  'Cao',
  'Đông',
  'Hà',
  'Hòa',
  'Hồng',
  'Hưng',
  'Khánh',
  'Lạc',
  'Lam',
  'Long',
  'Minh',
  'Mỹ',
  'Nam',
  'Ngọc',
  'Nghĩa',
  'Phú',
  'Phúc',
  'Quang',
  'Sơn',
  'Tân',
  'Thái',
  'Thanh',
  'Thắng',
  'Thịnh',
  'Thuận',
  'Tiến',
  'Trung',
  'Trường',
  'Vĩnh',
  'Xuân',
  'Yên',
  'Đức',
  'Hải',
  'Kim',
  'Lộc',
  'Phong',
  'Tường',
  'Vân',
];
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Minh', 'Hữu', 'Thanh'];
const POSITIONS = [
  'Bí thư Đảng ủy',
  'Phó Bí thư Đảng ủy',
  'Chủ tịch UBND xã',
  'Phó Chủ tịch UBND xã',
  'Chủ tịch UBMTTQ xã',
  'Công chức Địa chính',
];
const TITLES = [
  'Xây dựng nhà văn hóa thôn',
  'Giải phóng mặt bằng dự án đường tỉnh',
  'Nâng cấp trường mầm non trung tâm',
  'Xử lý rác thải sinh hoạt tại các thôn',
  'Kiện toàn chi bộ thôn',
  'Phát triển đảng viên mới',
  'Cứng hóa kênh mương nội đồng',
  'Xóa nhà tạm cho hộ nghèo',
  'Chuyển đổi số trong giải quyết thủ tục hành chính',
  'Giải quyết đơn thư tồn đọng',
  'Đấu giá quyền sử dụng đất',
  'Kéo điện lưới về các hộ dân',
];
const CATEGORIES = ['Việc khó', 'Nhiệm vụ trọng tâm', 'Việc đột phá', 'Vấn đề bức xúc, nổi cộm'];
const SECTIONS = ['I. LĨNH VỰC XÂY DỰNG ĐẢNG', 'II. LĨNH VỰC KINH TẾ', 'III. LĨNH VỰC VĂN HÓA - XÃ HỘI'];
const COLUMNS = [
  { key: 'no', header: 'STT' },
  { key: 'title', header: 'Nội dung công việc' },
  { key: 'category', header: 'Loại việc' },
  { key: 'owner', header: 'Người chịu trách nhiệm' },
  { key: 'position', header: 'Chức vụ' },
  { key: 'assigned', header: 'Ngày giao' },
  { key: 'deadline', header: 'Thời hạn hoàn thành' },
  { key: 'target', header: 'Chỉ tiêu' },
  { key: 'measure', header: 'ĐVT' },
  { key: 'achieved', header: 'Kết quả đạt được' },
  { key: 'progress', header: 'Tiến độ (%)' },
  { key: 'status', header: 'Tình trạng' },
  { key: 'completed', header: 'Ngày hoàn thành' },
  { key: 'note', header: 'Ghi chú' },
];
const AS_OF = '2024-09-30';

function uniqueNames(rng, n, used) {
  const out = [];
  while (out.length < n) {
    const name = `${rng.pick(SYLLABLES)} ${rng.pick(SYLLABLES)}${rng.chance(0.5) ? '' : ` ${rng.pick(SYLLABLES)}`}`;
    const key = name.toLowerCase();
    if (used.has(key)) continue;
    used.add(key);
    out.push(name);
  }
  return out;
}

function person(rng) {
  return `${rng.pick(FAMILY)} ${rng.pick(MIDDLE)} ${rng.pick(SYLLABLES)}`;
}

function csvField(s) {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One task of a register, as meaning (fixture-kit's layout renders it). */
function task(rng, cadres, i) {
  const owner = rng.pick(cadres);
  const assigned = `2024-0${1 + rng.int(3)}-1${rng.int(10)}`;
  const late = rng.chance(0.3);
  const deadline = late ? `2024-0${4 + rng.int(5)}-2${rng.int(9)}` : null;
  const status = rng.pick(['in_progress', 'in_progress', 'done', 'not_started', 'done', 'paused']);
  const progress = status === 'done' ? 100 : status === 'not_started' ? 0 : 10 + rng.int(80);
  const t = {
    title: `${rng.pick(TITLES)} ${i}`,
    category: rng.pick(CATEGORIES),
    owner: owner.name,
    position: owner.position,
    assigned,
    deadline: deadline ?? period(rng.pick(['Quý IV/2024', 'Năm 2024', 'Tháng 12/2024', '6 tháng cuối năm 2024'])),
    progress,
    status,
    completed: status === 'done' ? `2024-0${4 + rng.int(5)}-1${rng.int(9)}` : null,
    note: rng.chance(0.3) ? 'Đang chờ kinh phí' : null,
  };
  if (rng.chance(0.3)) {
    t.target = 10 + rng.int(200);
    t.measure = 'hộ';
    t.achieved = Math.round((t.target * progress) / 100);
  }
  // a few planted errors, as real registers have them
  if (rng.chance(0.03)) t.owner = null;
  if (rng.chance(0.03)) t.deadline = { text: '31/02/2024' };
  return t;
}

/**
 * Writes `outDir/registers/*` (one register per commune), `outDir/units.csv` and `outDir/roster.csv`.
 * Returns { registers: [paths], units, tasks, asOf }.
 */
export async function generateProvince({ outDir, communes, seed = 1 }) {
  const rng = makeRng(seed);
  const used = new Set();
  const perDistrict = 20;
  const districts = Math.max(1, Math.ceil(communes / perDistrict));
  const units = [{ code: '24', name: 'Tỉnh Bắc Giang', level: 'tinh', parent: '' }];
  const districtNames = uniqueNames(rng, districts, used);
  const communeNames = uniqueNames(rng, communes, used);
  for (let d = 0; d < districts; d++) {
    units.push({ code: String(200 + d).padStart(3, '0'), name: `Huyện ${districtNames[d]}`, level: 'huyen', parent: '24' });
  }
  const roster = [];
  const registersDir = join(outDir, 'registers');
  await mkdir(registersDir, { recursive: true });
  const paths = [];
  let tasks = 0;
  for (let c = 0; c < communes; c++) {
    const district = units[1 + Math.floor(c / perDistrict)];
    const code = String(10000 + c).padStart(5, '0');
    const name = `Xã ${communeNames[c]}`;
    units.push({ code, name, level: 'xa', parent: district.code });
    const cadres = POSITIONS.slice(0, 4 + rng.int(3)).map((position) => ({ name: person(rng), position }));
    for (const k of cadres) roster.push([k.name, k.position, code, '2021-01-01', '']);

    const body = [];
    const n = 9 + rng.int(5);
    for (let i = 0; i < n; i++) {
      if (i % 4 === 0) body.push({ section: SECTIONS[(i / 4) % SECTIONS.length] });
      body.push(task(rng, cadres, i + 1));
    }
    tasks += n;
    const grid = layout({
      columns: COLUMNS,
      title: [
        [
          { c: 0, text: `ĐẢNG BỘ ${district.name.toUpperCase()}`, span: 4 },
          { c: 8, text: 'ĐẢNG CỘNG SẢN VIỆT NAM', span: 6 },
        ],
        [
          { c: 0, text: `ĐẢNG ỦY ${name.toUpperCase()}`, span: 4 },
          { c: 8, text: `${communeNames[c]}, ngày 05 tháng 10 năm 2024`, span: 6 },
        ],
        [{ c: 0, text: 'DANH MỤC ĐĂNG KÝ VIỆC KHÓ, NHIỆM VỤ TRỌNG TÂM, VIỆC ĐỘT PHÁ NĂM 2024', span: 14 }],
      ],
      numberRow: '(n)',
      body,
      footer: [{ cells: [null, 'Người lập biểu', null, null, null, null, null, null, null, 'T/M ĐẢNG ỦY'] }],
      dateStyle: rng.chance(0.2) ? 'text:dd/mm/yyyy' : undefined,
    });
    const slug = communeNames[c].normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/\s+/g, '-');
    if (c % 5 === 4) {
      const path = join(registersDir, `${code}_${slug}.csv`);
      await writeFile(path, csvBytes(grid, { delimiter: ';', encoding: 'utf8bom' }).bytes);
      paths.push(path);
    } else {
      const path = join(registersDir, `${code}_${slug}.xlsx`);
      await writeXlsx(grid, path);
      paths.push(path);
    }
  }
  const unitsCsv =
    ['code,name,level,parent', ...units.map((u) => [u.code, u.name, u.level, u.parent].map(csvField).join(','))].join('\n') + '\n';
  await writeFile(join(outDir, 'units.csv'), unitsCsv);
  const rosterCsv = ['name,position,unit,from,to', ...roster.map((r) => r.map(csvField).join(','))].join('\n') + '\n';
  await writeFile(join(outDir, 'roster.csv'), rosterCsv);
  return { registers: paths, units: units.length, tasks, asOf: AS_OF };
}
