// fixtures/rules/invalid-number/07651_fires.csv and 07651_passes.csv (written by scripts/fixture-sets/rules.js).
// SPEC §4: target or achieved not a number.
export default ({ t }) => ({
  cols: [
    { key: 'target', header: 'Chỉ tiêu', after: 'deadline' },
    { key: 'achieved', header: 'Kết quả đạt được', after: 'target' },
  ],
  fires: [
    t(0, { target: { invalid: 'khoảng 20' }, progress: 50, expect: ['invalid-number'] }),
    t(1, { target: 10, achieved: { invalid: 'chưa có số liệu' }, progress: 40, expect: ['invalid-number'] }),
    t(2),
  ],
  passes: [
    t(0, { target: 1686, achieved: 705, progress: null }),
    t(1, { target: 12.5, achieved: 5, progress: null }),
    t(2, { target: 20, achieved: 8, progress: 40 }),
  ],
});
