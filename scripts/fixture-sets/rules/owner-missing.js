// fixtures/rules/owner-missing/07651_fires.csv and 07651_passes.csv (written by scripts/fixture-sets/rules.js).
// SPEC §4: no responsible person (*rõ người*).
export default ({ t }) => ({
  fires: [
    t(0),
    t(1, { owner: '', expect: ['owner-missing'] }),
    t(2, { owner: '   ', cells: { owner: '   ' }, expect: ['owner-missing'] }),
    t(3),
  ],
  passes: [
    t(0, { owner: 'Ông Nguyễn Văn An', owners: ['Nguyễn Văn An'] }),
    t(1, { owner: 'Đồng chí Phùng Văn Đảng', owners: ['Phùng Văn Đảng'] }),
  ],
});
