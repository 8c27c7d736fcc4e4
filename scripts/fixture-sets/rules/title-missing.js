// fixtures/rules/title-missing/07651_fires.csv and 07651_passes.csv (written by scripts/fixture-sets/rules.js).
// SPEC §4: a row with data but no task content.
export default ({ t }) => ({
  fires: [t(0), t(1, { title: '', expect: ['title-missing'] }), t(2)],
  passes: [{ section: 'I. Xây dựng Đảng' }, t(0), { blank: true }, { section: 'II. Kinh tế' }, t(1), t(2), { raw: ['Tổng cộng: 3 việc'] }],
});
