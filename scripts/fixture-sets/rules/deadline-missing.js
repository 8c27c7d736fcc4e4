// fixtures/rules/deadline-missing/07651_fires.csv and 07651_passes.csv (written by scripts/fixture-sets/rules.js).
// SPEC §4: no deadline (*rõ tiến độ*).
export default ({ t, period }) => ({
  fires: [t(0, { deadline: null, expect: ['deadline-missing'] }), t(1)],
  passes: [
    t(0, { deadline: period('Năm 2024') }),
    t(1, { deadline: period('Giai đoạn 2021-2025') }),
    t(2, { deadline: period('Quý IV/2024') }),
  ],
});
