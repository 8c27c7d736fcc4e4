// generateProvince: a province of any size with one register per unit, and the truth about it.
//
//   import { generateProvince } from '../scripts/province.js';
//   const { expected, truth } = await generateProvince({ outDir, communes: 200, seed: 1 });
//
// Writes outDir/units.csv, outDir/roster.csv and outDir/registers/** (xlsx by exceljs and CSV in the
// shapes of SPEC §2.3), and returns `expected` (the diagnostics tiendo must report: every error, and the
// warnings legacy-encoding, owner-multiple, owner-overloaded, completion-date-missing — as in
// fixtures/province/expected.json) and `truth` (every task's class and every unit's own/total counts — as
// in fixtures/province/truth.json). Deterministic for a seed; no clock; fast enough for 10,000 registers
// (no LibreOffice, no Python).
//
// Options:
//   outDir     folder to write (created)
//   communes   number of communes (default 200); districts ≈ communes / 20, agencies ≈ communes / 20
//   twoTier    communes directly under the province after 1 July 2025 (old districts and communes kept in
//              units.csv with `to` = 2025-06-30, codes reused); as-of then defaults to 2025-09-30
//   seed       PRNG seed (default 1)
//   asOf       as-of date (default 2024-09-30, or 2025-09-30 with twoTier); the period is its quarter
//   bacGiang   the seed article's figures: 10 districts whose own registers hold 58 tasks, and 200
//              agencies and communes holding 2,188 (2,246 for the province); every unit submits, no task
//              is left out (`communes` is ignored); truth.bacGiang states the sums
//   plant      plant errors (default true; row errors only with bacGiang, so the registered sums hold)
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { addDays, csvBytes, exceljsWorkbook, layout, makeRng, period, placeDateLine } from './fixture-kit.js';
import { buildTruth, footer, partyTitle, rosterCsv, task, unitsCsv } from './fixture-sets/common.js';

const SYL_A = [
  'Tân',
  'Yên',
  'Hương',
  'Đông',
  'Tây',
  'Nam',
  'Bắc',
  'Phúc',
  'Lạc',
  'Hòa',
  'Bình',
  'Thanh',
  'Minh',
  'Quang',
  'Xuân',
  'Hồng',
  'Kim',
  'Ngọc',
  'Cẩm',
  'Đức',
  'Mỹ',
  'Lan',
  'Song',
  'Hoàng',
  'Trung',
  'Vĩnh',
  'Phú',
  'Thái',
  'Đại',
  'Thịnh',
];
const SYL_B = [
  'Sơn',
  'Lâm',
  'Mai',
  'Thành',
  'Phong',
  'Hưng',
  'Lợi',
  'Tiến',
  'Thuận',
  'Hải',
  'Giang',
  'Điền',
  'Lộc',
  'Xá',
  'Đình',
  'Vân',
  'Khê',
  'Lĩnh',
  'Trạch',
  'Dĩnh',
  'Mẫu',
  'Hà',
  'Quan',
  'An',
  'Trường',
  'Liên',
  'Thượng',
  'Hạ',
  'Cương',
  'Đồng',
];
const SYL_C = [
  'Thượng',
  'Hạ',
  'Đông',
  'Tây',
  'Nam',
  'Bắc',
  'Trung',
  'Ngoại',
  'Nội',
  'Tiền',
  'Hậu',
  'Tả',
  'Hữu',
  'Nhất',
  'Nhì',
  'Tam',
  'Tứ',
  'Ngũ',
  'Lục',
  'Thất',
];
/** An injective place name: two syllables, a third beyond 900. */
function placeName(i) {
  const base = `${SYL_A[i % 30]} ${SYL_B[Math.floor(i / 30) % 30]}`;
  const k = Math.floor(i / 900);
  if (!k) return base;
  const round = Math.floor((k - 1) / SYL_C.length);
  return `${base} ${SYL_C[(k - 1) % SYL_C.length]}${round ? ` ${round + 1}` : ''}`;
}
const BAC_GIANG_DISTRICTS = [
  'Lục Nam',
  'Lạng Giang',
  'Hiệp Hòa',
  'Yên Thế',
  'Tân Yên',
  'Lục Ngạn',
  'Sơn Động',
  'Yên Dũng',
  'Việt Yên',
  'Chũ',
];
const AGENCIES = [
  'Ban Tổ chức Tỉnh ủy',
  'Ban Tuyên giáo Tỉnh ủy',
  'Ban Dân vận Tỉnh ủy',
  'Ủy ban Kiểm tra Tỉnh ủy',
  'Văn phòng Tỉnh ủy',
  'Sở Nội vụ',
  'Sở Tài chính',
  'Sở Kế hoạch và Đầu tư',
  'Sở Xây dựng',
  'Sở Giao thông vận tải',
  'Sở Nông nghiệp và Phát triển nông thôn',
  'Sở Tài nguyên và Môi trường',
  'Sở Y tế',
  'Sở Giáo dục và Đào tạo',
  'Sở Công Thương',
  'Sở Văn hóa, Thể thao và Du lịch',
  'Sở Lao động - Thương binh và Xã hội',
  'Sở Tư pháp',
  'Sở Khoa học và Công nghệ',
  'Sở Thông tin và Truyền thông',
];
const SURNAMES = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Vũ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Ngô',
  'Dương',
  'Lý',
  'Phùng',
  'Thân',
  'Giáp',
  'Hà',
  'Vi',
  'Tạ',
  'Lương',
  'Trịnh',
];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Quang', 'Minh', 'Thanh', 'Hữu', 'Ngọc', 'Xuân', 'Trọng'];
const GIVEN = [
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Giang',
  'Hải',
  'Hằng',
  'Hiếu',
  'Hoa',
  'Huy',
  'Khoa',
  'Lâm',
  'Lan',
  'Mạnh',
  'Nam',
  'Oanh',
  'Phong',
  'Phúc',
  'Quyên',
  'Sơn',
  'Tài',
  'Thảo',
  'Thắng',
  'Tuấn',
  'Uyên',
  'Vinh',
  'Xuân',
  'Yến',
  'Đông',
  'Hùng',
];
const POSITIONS = ['Bí thư Đảng ủy', 'Chủ tịch UBND', 'Phó Bí thư Thường trực Đảng ủy', 'Phó Chủ tịch UBND'];
const AGENCY_POSITIONS = ['Thủ trưởng cơ quan', 'Phó Thủ trưởng cơ quan', 'Chánh Văn phòng', 'Phó Chánh Văn phòng'];
const TITLES = [
  'Xóa nhà tạm, nhà dột nát cho hộ nghèo, cận nghèo',
  'Xử lý dứt điểm vi phạm quy định về quản lý đất đai',
  'Vận động Nhân dân đấu nối, sử dụng nước sạch',
  'Kết nạp đảng viên mới',
  'Nâng cao chất lượng sinh hoạt chi bộ',
  'Giải phóng mặt bằng dự án đường giao thông',
  'Bê tông hóa đường giao thông nông thôn',
  'Chống ngập úng cục bộ khu dân cư',
  'Xây dựng nông thôn mới nâng cao',
  'Sắp xếp, sáp nhập thôn, tổ dân phố',
  'Thu hồi nợ đọng tiền sử dụng đất',
  'Phát triển sản phẩm OCOP',
  'Chuyển đổi số trong giải quyết thủ tục hành chính',
  'Giải quyết đơn thư khiếu nại tồn đọng',
  'Xây dựng nhà văn hóa thôn',
  'Xử lý rác thải sinh hoạt',
  'Chỉnh trang đô thị, trật tự vỉa hè',
  'Kiện toàn tổ chức bộ máy',
  'Rà soát, bổ sung quy hoạch cán bộ',
  'Chuẩn bị đại hội đảng bộ nhiệm kỳ 2025-2030',
  'Xây dựng trường học đạt chuẩn quốc gia',
  'Nâng cao chỉ số cải cách hành chính',
  'Trồng rừng sản xuất gỗ lớn',
  'Nạo vét kênh mương nội đồng',
];
const ALIASES = {
  done: ['Đã hoàn thành', 'Hoàn thành', 'Xong', 'Đã hoàn thành'],
  in_progress: ['Đang thực hiện', 'Đang triển khai', 'Đang thực hiện'],
  not_started: ['Chưa triển khai', 'Chưa thực hiện'],
  paused: ['Tạm dừng', 'Tạm hoãn'],
  cancelled: ['Đã hủy', 'Dừng thực hiện', 'Không thực hiện'],
};
const ROMAN = ['I', 'II', 'III', 'IV'];
const CATEGORIES = ['Việc khó', 'Nhiệm vụ trọng tâm', 'Việc đột phá', 'Vấn đề bức xúc, nổi cộm', ''];
const COLS = [
  { key: 'no', header: 'STT' },
  { key: 'title', header: 'Nội dung công việc' },
  { key: 'category', header: 'Loại việc' },
  { key: 'owner', header: 'Người chịu trách nhiệm' },
  { key: 'assigned', header: 'Ngày giao' },
  { key: 'deadline', header: 'Thời hạn hoàn thành' },
  { key: 'target', header: 'Chỉ tiêu' },
  { key: 'achieved', header: 'Kết quả đạt được' },
  { key: 'progress', header: 'Tiến độ (%)' },
  { key: 'status', header: 'Tình trạng' },
  { key: 'completed', header: 'Ngày hoàn thành' },
];
const pad = (n, w) => String(n).padStart(w, '0');

/** The quarter containing a day, as SPEC §5's --period 2024-Q3. */
function quarterOf(iso) {
  const [y, m] = iso.split('-').map(Number);
  const q = Math.ceil(m / 3);
  const end = addDays(`${q === 4 ? y + 1 : y}-${pad(q === 4 ? 1 : q * 3 + 1, 2)}-01`, -1);
  return { label: `${y}-Q${q}`, start: `${y}-${pad(q * 3 - 2, 2)}-01`, end };
}

function buildUnits({ communes, twoTier, bacGiang }) {
  const units = [{ code: '24', name: 'Tỉnh Bắc Giang', level: 'tinh', parent: '', from: null, to: null }];
  const nd = bacGiang ? 10 : Math.max(1, Math.ceil(communes / 20));
  const na = bacGiang ? 20 : Math.max(1, Math.round(communes / 20));
  const nc = bacGiang ? 180 : communes;
  const OLD_END = '2025-06-30';
  const NEW_START = '2025-07-01';
  const districts = [];
  for (let i = 0; i < nd; i++) {
    const name = bacGiang ? `Huyện ${BAC_GIANG_DISTRICTS[i]}` : `Huyện ${placeName((twoTier ? 3 : 1) * nc + i)}`;
    districts.push({ code: String(201 + i), name, level: 'huyen', parent: '24', from: null, to: twoTier ? OLD_END : null });
  }
  units.push(...districts);
  for (let i = 0; i < na; i++) {
    const name = i < AGENCIES.length ? AGENCIES[i] : `${AGENCIES[i % AGENCIES.length]} (khối ${Math.floor(i / AGENCIES.length) + 1})`;
    units.push({ code: `24-A${pad(i + 1, 3)}`, name, level: 'co-quan', parent: '24', from: null, to: null });
  }
  const level = (i) => (i % 11 === 10 ? ['Thị trấn', 'thi-tran'] : i % 7 === 6 ? ['Phường', 'phuong'] : ['Xã', 'xa']);
  if (!twoTier) {
    for (let i = 0; i < nc; i++) {
      const [word, lv] = level(i);
      units.push({
        code: pad(7000 + 3 * i, 5),
        name: `${word} ${placeName(i)}`,
        level: lv,
        parent: districts[Math.floor((i * nd) / nc)].code,
        from: null,
        to: null,
      });
    }
  } else {
    // two old communes merge into each new one; the first's code is reused, under a new name
    for (let j = 0; j < 2 * nc; j++) {
      const [word, lv] = level(j);
      units.push({
        code: pad(7000 + 3 * j, 5),
        name: `${word} ${placeName(nc + j)}`,
        level: lv,
        parent: districts[Math.floor((j * nd) / (2 * nc))].code,
        from: null,
        to: OLD_END,
      });
    }
    for (let i = 0; i < nc; i++) {
      units.push({
        code: pad(7000 + 6 * i, 5),
        name: `Xã ${placeName(i)}`,
        level: 'xa',
        parent: '24',
        from: NEW_START,
        to: null,
        formerDistrict: districts[Math.floor((2 * i * nd) / (2 * nc))],
      });
    }
  }
  return { units, districts, nd, na, nc };
}

function personName(rng, used) {
  for (;;) {
    const name = `${rng.pick(SURNAMES)} ${rng.pick(MIDDLE)} ${rng.pick(GIVEN)}`;
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
}

/**
 * One ordinary task; `plant` is the rule to plant on it, or null. cadres: [{ name, position }] in post,
 * former: a cadre whose post in this unit ended before the as-of date.
 */
function makeTask(rng, { asOf, year, cadres, former, owner, plant, forceUnfinished, bacGiang }) {
  // assigned 30 to 270 days before the as-of date: registered by then
  const a = addDays(asOf, -(30 + rng.int(240)));
  let status;
  const r = rng.next();
  if (forceUnfinished) status = 'in_progress';
  else if (bacGiang) status = r < 0.965 ? 'done' : r < 0.985 ? 'in_progress' : 'cancelled';
  else status = r < 0.45 ? 'done' : r < 0.78 ? 'in_progress' : r < 0.87 ? 'not_started' : r < 0.93 ? 'paused' : 'cancelled';
  // deadline: a day or a period, on or after the assigned date
  let deadline;
  const dr = rng.next();
  if (dr < 0.25) {
    const m = 3 + rng.int(10);
    deadline = period(`Tháng ${m}/${year}`);
  } else if (dr < 0.35) deadline = period(`Quý ${ROMAN[rng.int(4)]}/${year}`);
  else if (dr < 0.4) deadline = period(`Năm ${year}`);
  else if (dr < 0.43) deadline = period(`6 tháng đầu năm ${year}`);
  else deadline = addDays(a, 20 + rng.int(400));
  if (deadline.iso && deadline.iso < a) deadline = addDays(a, 30 + rng.int(200));
  const d = typeof deadline === 'string' ? deadline : deadline.iso;
  let progress = null;
  let completed = null;
  let target = null;
  let achieved = null;
  if (status === 'done') {
    progress = 100;
    const latest = d < asOf ? addDays(d, rng.chance(0.2) ? 1 + rng.int(40) : -rng.int(20)) : asOf;
    const hi = latest > asOf ? asOf : latest;
    completed = hi < a ? a : addDays(a, Math.floor((rng.next() * (Date.parse(hi) - Date.parse(a))) / 86400000));
  } else if (status === 'in_progress') {
    if (rng.chance(0.15)) {
      target = 10 + rng.int(200);
      achieved = 1 + rng.int(target - 1);
    } else progress = 5 + rng.int(91);
  } else if (status === 'not_started') progress = rng.chance(0.5) ? 0 : null;
  else if (status === 'paused') progress = 10 + rng.int(70);
  const who = owner ?? rng.pick(cadres);
  const style = rng.int(6);
  const gender = who.name.includes(' Thị ') ? 'Bà' : 'Ông';
  const ownerText = style === 0 ? `Đ/c ${who.name} - ${who.position}` : style === 1 ? `${gender} ${who.name}` : who.name;
  let statusText = rng.pick(ALIASES[status]);
  let taskStatus = status;
  // an empty status where the inference gives the same answer
  if (rng.chance(0.05) && ((status === 'in_progress' && progress > 0) || (status === 'done' && completed))) {
    taskStatus = null;
    statusText = undefined;
  }
  const t = task(`${rng.pick(TITLES)} thôn ${rng.pick(SYL_A)} ${rng.pick(SYL_B)}`, ownerText, {
    owners: [who.name],
    category: rng.pick(CATEGORIES),
    assigned: a,
    deadline,
    progress,
    status: taskStatus,
    statusText,
    completed,
    target,
    achieved,
  });
  switch (plant) {
    case null:
    case undefined:
      break;
    case 'owner-missing':
      t.owner = '';
      t.owners = [];
      break;
    case 'owner-unknown':
      t.owner = 'Nguyễn Văn Khách';
      t.owners = ['Nguyễn Văn Khách'];
      break;
    case 'owner-inactive':
      t.owner = former.name;
      t.owners = [former.name];
      break;
    case 'owner-multiple':
      t.owner = `${cadres[0].name}, ${cadres[1].name}`;
      t.owners = [cadres[0].name, cadres[1].name];
      break;
    case 'deadline-missing':
      t.deadline = null;
      break;
    case 'invalid-date':
      t.deadline = { invalid: `31/02/${year}` };
      break;
    case 'invalid-status':
      t.status = { invalid: 'Đang xúc tiến' };
      t.statusText = undefined;
      break;
    case 'invalid-progress':
      t.progress = { invalid: 'khoảng 50' };
      t.status = 'in_progress';
      t.statusText = undefined;
      t.completed = null;
      t.target = null;
      t.achieved = null;
      break;
    case 'status-progress-mismatch':
      t.status = 'done';
      t.statusText = undefined;
      t.progress = 80;
      t.completed = t.completed ?? a;
      t.target = null;
      t.achieved = null;
      break;
    case 'completion-date-missing':
      t.status = 'done';
      t.statusText = undefined;
      t.progress = 100;
      t.completed = null;
      t.target = null;
      t.achieved = null;
      break;
    case 'deadline-before-assigned':
      t.deadline = addDays(a, -10);
      if (t.completed) t.completed = a;
      break;
    case 'completion-in-future':
      t.status = 'done';
      t.statusText = undefined;
      t.progress = 100;
      t.completed = addDays(asOf, 10);
      t.target = null;
      t.achieved = null;
      break;
    default:
      throw new Error(`cannot plant ${plant}`);
  }
  return t;
}

const PLANTS = [
  'owner-missing',
  'owner-unknown',
  'owner-inactive',
  'owner-multiple',
  'deadline-missing',
  'invalid-date',
  'invalid-status',
  'invalid-progress',
  'status-progress-mismatch',
  'completion-date-missing',
  'deadline-before-assigned',
  'completion-in-future',
];

/** Register shapes: how a file is written and how its unit is found. */
const SHAPES = {
  'csv-code': { ext: 'csv', csv: { delimiter: ',', eol: '\r\n', encoding: 'utf8bom' }, resolvedBy: 'filename' },
  'csv-semicolon-title': {
    ext: 'csv',
    csv: { delimiter: ';', eol: '\n', encoding: 'utf8', padTitle: true },
    resolvedBy: 'title',
    decimalComma: true,
  },
  'csv-utf16-column': { ext: 'csv', csv: { delimiter: '\t', eol: '\r\n', encoding: 'utf16le' }, resolvedBy: 'column' },
  'csv-column': { ext: 'csv', csv: { delimiter: ',', eol: '\n', encoding: 'utf8' }, resolvedBy: 'column' },
  'xlsx-title': { ext: 'xlsx', resolvedBy: 'title', percent: true },
  'xlsx-1904-trailing': { ext: 'xlsx', resolvedBy: 'filename', date1904: true },
};
const COMMUNE_ROTATION = [
  'csv-code',
  'csv-semicolon-title',
  'xlsx-title',
  'csv-utf16-column',
  'csv-code',
  'xlsx-1904-trailing',
  'csv-semicolon-title',
  'csv-code',
  'csv-utf16-column',
  'csv-code',
];

export async function generateProvince(options = {}) {
  const { outDir, communes = 200, twoTier = false, seed = 1, bacGiang = false, plant = true } = options;
  if (!outDir) throw new Error('generateProvince: outDir is required');
  const asOf = options.asOf ?? (twoTier ? '2025-09-30' : '2024-09-30');
  const year = Number(asOf.slice(0, 4));
  const periodQ = quarterOf(asOf);
  const rng = makeRng(seed);
  const { units, districts, nc } = buildUnits({ communes, twoTier, bacGiang });
  const inForce = units.filter((u) => (!u.from || u.from <= asOf) && (!u.to || u.to >= asOf));
  const byCode = new Map(inForce.map((u) => [u.code, u]));

  // roster: three cadres in post per unit in force, and one who left before the as-of date
  const roster = [];
  const cadresOf = new Map();
  for (const u of inForce) {
    const used = new Set();
    const positions = u.level === 'co-quan' ? AGENCY_POSITIONS : POSITIONS;
    const cadres = positions.slice(0, 3).map((p) => ({ name: personName(rng, used), position: p }));
    const former = { name: personName(rng, used), position: positions[3] };
    for (const c of cadres) roster.push({ name: c.name, position: c.position, unit: u.code, from: `${year - 3}-08-01`, to: '' });
    roster.push({ name: former.name, position: former.position, unit: u.code, from: `${year - 4}-07-01`, to: addDays(asOf, -92) });
    cadresOf.set(u.code, { cadres, former });
  }

  // who registers: every unit in force but the province; a few communes do not submit (not with bacGiang)
  const submitting = [];
  let communeIndex = 0;
  for (const u of inForce) {
    if (u.code === '24') continue;
    if (u.level !== 'huyen' && u.level !== 'co-quan' && communeIndex++ % 50 === 37 && !bacGiang) continue;
    submitting.push(u);
  }
  const ownDistricts = submitting.filter((u) => u.level === 'huyen');
  const others = submitting.filter((u) => u.level !== 'huyen');
  const countFor = (u, i) => {
    if (bacGiang) return u.level === 'huyen' ? (ownDistricts.indexOf(u) < 8 ? 6 : 5) : i < 188 ? 11 : 10;
    return u.level === 'huyen' ? 5 + rng.int(3) : 10 + rng.int(3);
  };

  const registers = [];
  const writes = [];
  const regDir = join(outDir, 'registers');
  let seq = 0;
  let plantedOverload = false;
  let plantedDuplicateTask = false;
  let plantedExcluded = 0;

  const emit = (u, shapeId, tasks, { file, status = 'counted', fileDiagnostics = [], columnCode } = {}) => {
    seq += 1;
    const shape = SHAPES[shapeId];
    const parentName = u.level === 'co-quan' ? null : (u.formerDistrict ?? byCode.get(u.parent))?.name;
    const district = parentName && u.parent !== '24' ? parentName : u.formerDistrict?.name;
    const nameUpper = u.name.toUpperCase();
    const folder = twoTier || u.parent === '24' ? '' : `${u.parent}/`;
    const name =
      file ??
      {
        'csv-code': `${u.code}_thang${Number(asOf.slice(5, 7))}.csv`,
        'csv-semicolon-title': `dk-${pad(seq, 5)}.csv`,
        'csv-utf16-column': `don-vi-${pad(seq, 5)}.csv`,
        'csv-column': `co-quan-${pad(seq, 5)}.csv`,
        'xlsx-title': `dmvk-${pad(seq, 5)}.xlsx`,
        'xlsx-1904-trailing': `bao-cao-${u.code}.xlsx`,
      }[shapeId];
    const rel = `registers/${folder}${name}`;
    let title = [];
    const withColumn = shapeId === 'csv-utf16-column' || shapeId === 'csv-column';
    const w = COLS.length + (withColumn ? 1 : 0) + (tasks.some((x) => x.id) ? 1 : 0);
    const superior =
      u.level === 'huyen' ? 'ĐẢNG BỘ TỈNH BẮC GIANG' : district ? `ĐẢNG BỘ ${district.toUpperCase()}` : 'ĐẢNG BỘ TỈNH BẮC GIANG';
    const own = u.level === 'huyen' ? `HUYỆN ỦY ${u.name.replace(/^Huyện /, '').toUpperCase()}` : `ĐẢNG ỦY ${nameUpper}`;
    if (shapeId === 'xlsx-title') {
      title = partyTitle({
        width: w,
        left: [superior, own],
        place: placeDateLine(u.name.replace(/^(Xã|Phường|Thị trấn|Huyện) /, ''), addDays(asOf, 5)),
        title: `DANH MỤC VIỆC KHÓ, NHIỆM VỤ TRỌNG TÂM NĂM ${year}`,
        leftSpan: 4,
        rightAt: 7,
      });
    } else if (shapeId === 'csv-semicolon-title') {
      title = [[{ c: 0, text: superior }], [{ c: 0, text: own }], [{ c: 0, text: `DANH MỤC VIỆC KHÓ, NHIỆM VỤ TRỌNG TÂM NĂM ${year}` }]];
    } else if (shapeId === 'xlsx-1904-trailing') {
      title = [[{ c: 0, text: 'ĐẢNG CỘNG SẢN VIỆT NAM', span: 4 }], [{ c: 0, text: `DANH MỤC VIỆC KHÓ NĂM ${year}`, span: 4 }], []];
    }
    let columns = withColumn
      ? [{ key: 'unitCode', header: 'Mã đơn vị' }, ...COLS]
      : COLS.map((c) => (c.key === 'progress' && shape.percent ? { ...c, style: 'percent:0.0%' } : c));
    if (tasks.some((x) => x.id)) {
      const at = columns.findIndex((c) => c.key === 'no') + 1;
      columns = [...columns.slice(0, at), { key: 'id', header: 'Mã việc' }, ...columns.slice(at)];
    }
    const body = [];
    if (shapeId === 'xlsx-title') {
      const half = Math.ceil(tasks.length / 2);
      body.push({ section: 'I. Xây dựng Đảng' }, ...tasks.slice(0, half), { section: 'II. Kinh tế - xã hội' }, ...tasks.slice(half));
    } else body.push(...tasks);
    const def = {
      columns,
      title,
      body,
      date1904: shape.date1904,
      decimalComma: shape.decimalComma,
      allText: shape.ext === 'csv',
      dateStyle: shape.ext === 'csv' ? 'text:dd/mm/yyyy' : undefined,
      unitCodeText: columnCode ?? u.code,
      numberRow: shapeId === 'xlsx-title' ? '(n)' : undefined,
      footer:
        shapeId === 'xlsx-title'
          ? footer({
              width: w,
              total: true,
              tm: u.level === 'huyen' ? 'T/M BAN THƯỜNG VỤ' : 'T/M ĐẢNG ỦY',
              post: 'BÍ THƯ',
              signer: cadresOf.get(u.code)?.cadres[0].name ?? '',
              rightAt: 8,
            })
          : undefined,
    };
    const grid = layout(def);
    const abs = join(outDir, rel);
    let rows = grid.rows.map((_, i) => i + 1);
    if (shape.ext === 'csv') {
      const { bytes, lines } = csvBytes(grid, shape.csv);
      rows = lines;
      writes.push(async () => {
        await mkdir(dirname(abs), { recursive: true });
        await writeFile(abs, bytes);
      });
    } else {
      writes.push(async () => {
        await mkdir(dirname(abs), { recursive: true });
        await exceljsWorkbook(grid, { date1904: shape.date1904 }).xlsx.writeFile(abs);
      });
    }
    const taskRows = grid.rows.map((r, i) => (r.kind === 'task' ? { row: rows[i], task: r.task } : null)).filter(Boolean);
    registers.push({
      file: rel,
      unit: status === 'unit-unknown' ? null : u.code,
      resolvedBy: status === 'unit-unknown' ? 'unknown-column' : shape.resolvedBy,
      status,
      writer: shape.ext === 'csv' ? 'csv' : 'exceljs',
      shape: shapeId,
      headerRow: rows[grid.rows.findIndex((r) => r.kind === 'header')],
      tasks: taskRows,
      fileDiagnostics,
    });
  };

  const plantRate = plant ? 0.035 : 0;
  const plantFiles = plant && !bacGiang && others.length >= 3;
  const dupUnit = plantFiles ? others[others.length - 1] : null;
  const tasksFor = (u, n, { clean = false } = {}) => {
    const { cadres, former } = cadresOf.get(u.code);
    const out = [];
    const overload = plant && !bacGiang && !clean && !plantedOverload && u.level !== 'huyen' && u.level !== 'co-quan' && n >= 9;
    if (overload) plantedOverload = true;
    for (let i = 0; i < n; i++) {
      const p = clean || (overload && i < 9) ? null : rng.chance(plantRate) ? rng.pick(PLANTS) : null;
      const opts = { asOf, year, cadres, former, plant: p, bacGiang };
      // owner-overloaded: the first 8 tasks unfinished and one owner's; the others go to the other cadres
      if (overload) Object.assign(opts, i < 8 ? { owner: cadres[0], forceUnfinished: true } : { owner: cadres[1 + (i % 2)] });
      else opts.owner = cadres[i % 3];
      out.push(makeTask(rng, opts));
    }
    if (plant && !bacGiang && !clean) {
      if (!plantedDuplicateTask && n >= 4 && u.level !== 'huyen' && !overload) {
        // a Mã việc column whose last id repeats the first: a duplicate-task error, left out (and otherwise
        // clean). Typed ids, not a repeated STT: SPEC §2.3 leaves open how a restarted STT is read.
        plantedDuplicateTask = true;
        out[n - 1] = makeTask(rng, { asOf, year, cadres, former, owner: cadres[(n - 1) % 3], plant: null });
        out.forEach((x, i) => {
          x.id = `${u.code}-NV${pad(i + 1, 2)}`;
        });
        out[n - 1].id = out[0].id;
      } else if (plantedExcluded < Math.max(1, Math.floor(nc / 100)) && rng.chance(0.05)) {
        // assigned after the as-of date: left out
        plantedExcluded += 1;
        Object.assign(out[n - 1], {
          assigned: addDays(asOf, 3),
          deadline: addDays(asOf, 120),
          status: 'not_started',
          statusText: undefined,
          progress: 0,
          completed: null,
          target: null,
          achieved: null,
          owner: cadres[0].name,
          owners: [cadres[0].name],
        });
      }
    }
    return out;
  };

  ownDistricts.forEach((u, i) => emit(u, i % 2 ? 'csv-code' : 'xlsx-title', tasksFor(u, countFor(u, i))));
  others.forEach((u, i) => {
    // agencies by their Mã đơn vị column: a code such as 24-A001 holds a dash, which a file name's
    // "trailing -CODE" would make ambiguous
    const shapeId = u.level === 'co-quan' ? (i % 2 ? 'csv-utf16-column' : 'csv-column') : COMMUNE_ROTATION[i % COMMUNE_ROTATION.length];
    emit(u, shapeId, tasksFor(u, countFor(u, i), { clean: u === dupUnit }));
  });
  // file-level plants: a register whose Mã đơn vị is not in units.csv, and a second register of one commune
  if (plantFiles) {
    const u = others.find((x) => x.level !== 'co-quan') ?? others[0];
    emit(u, 'csv-utf16-column', tasksFor(u, 3, { clean: true }), {
      file: 'khong-ro-don-vi.csv',
      status: 'unit-unknown',
      columnCode: '99999',
      fileDiagnostics: [{ rule: 'unit-unknown', row: null }],
    });
    const first = registers.find((r) => r.unit === dupUnit.code);
    emit(dupUnit, 'csv-code', tasksFor(dupUnit, 4, { clean: true }), {
      file: `${dupUnit.code}_bo-sung.csv`,
      status: 'unit-duplicate',
      fileDiagnostics: [{ rule: 'unit-duplicate', row: null }],
    });
    first.status = 'unit-duplicate';
    first.fileDiagnostics = [...first.fileDiagnostics, { rule: 'unit-duplicate', row: null }];
  }

  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, 'units.csv'), unitsCsv(units, twoTier));
  await writeFile(join(outDir, 'roster.csv'), rosterCsv(roster));
  for (let i = 0; i < writes.length; i += 16) await Promise.all(writes.slice(i, i + 16).map((f) => f()));

  const { expected, truth } = buildTruth({
    units,
    roster,
    asOf,
    period: periodQ,
    registers,
    generated: true,
    note: `generateProvince(${JSON.stringify({ communes, twoTier, seed, asOf, bacGiang, plant })})`,
  });
  if (bacGiang) {
    const sum = (list) => list.reduce((s, u) => s + truth.units[u.code].own.registered, 0);
    truth.bacGiang = {
      districtsOwn: sum(ownDistricts),
      agenciesAndCommunes: sum(others),
      province: truth.units['24'].total.registered,
      source:
        'seeds/000: "Năm nay, các huyện, thị xã, TP đăng ký thực hiện 58 việc … Các cơ quan, đơn vị, xã, phường thị trấn đăng ký thực hiện 2.188 việc."',
    };
    if (truth.bacGiang.districtsOwn !== 58 || truth.bacGiang.agenciesAndCommunes !== 2188 || truth.bacGiang.province !== 2246) {
      throw new Error(`bacGiang sums are off: ${JSON.stringify(truth.bacGiang)}`);
    }
  }
  return { expected: expected.diagnostics, truth };
}
