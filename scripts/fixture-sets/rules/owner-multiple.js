// fixtures/rules/owner-multiple/07651_fires.csv and 07651_passes.csv (written by scripts/fixture-sets/rules.js).
// SPEC §4: more than one person named as responsible (`A, B`, `A và B`, `A; B`).
export default ({ t }) => ({
  fires: [
    t(0, { owner: 'Nguyễn Văn An, Trần Thị Hà', owners: ['Nguyễn Văn An', 'Trần Thị Hà'], expect: ['owner-multiple'] }),
    t(1, { owner: 'Nguyễn Văn An và Trần Thị Hà', owners: ['Nguyễn Văn An', 'Trần Thị Hà'], expect: ['owner-multiple'] }),
    t(2, { owner: 'Nguyễn Văn An; Trần Thị Hà', owners: ['Nguyễn Văn An', 'Trần Thị Hà'], expect: ['owner-multiple'] }),
    t(3),
  ],
  passes: [
    t(0, { owner: 'Đ/c Nguyễn Văn An - Chủ tịch UBND xã', owners: ['Nguyễn Văn An'] }),
    t(1, { owner: 'Ông Phùng Văn Đảng (Phó Bí thư Thường trực)', owners: ['Phùng Văn Đảng'] }),
    t(2, { owner: 'Trần Thị Hà' }),
  ],
});
