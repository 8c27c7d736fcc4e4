// fixtures/rules/owner-unknown/07651_fires.csv and 07651_passes.csv (written by scripts/fixture-sets/rules.js).
// SPEC §4: no roster row gives this name in the task's unit (only with a roster; §2.2).
export default ({ t }) => ({
  fires: [
    t(0, { owner: 'Trần Thị Hạ', expect: ['owner-unknown'] }),
    t(1, { owner: 'Đỗ Văn Hùng', expect: ['owner-unknown'] }),
    t(2, { owner: 'Hà Văn Tuấn', expect: ['owner-unknown'] }),
    t(3),
  ],
  passes: [
    t(0, { owner: 'đồng chí NGUYỄN VĂN AN', owners: ['Nguyễn Văn An'] }),
    t(1, { owner: 'Nguyễn  Văn   An', owners: ['Nguyễn Văn An'] }),
    t(2, { owner: 'Phùng Văn Đảng'.normalize('NFD'), owners: ['Phùng Văn Đảng'] }),
    t(3, { owner: 'Hoàng Thị Lan' }),
  ],
});
