// fixtures/rules/overdue/07651_fires.csv and 07651_passes.csv (written by scripts/fixture-sets/rules.js).
// SPEC §4: unfinished past its deadline.
export default ({ t, period }) => ({
  fires: [
    t(0, { deadline: '2024-09-15', progress: 95, expect: ['overdue'] }),
    t(1, { deadline: period('Tháng 8/2024'), progress: 90, expect: ['overdue'] }),
    t(2),
  ],
  passes: [
    t(0, { deadline: '2024-09-30', progress: 90 }),
    t(1, { deadline: '2024-08-31', progress: 100, status: 'done', completed: '2024-09-10' }),
    t(2, { deadline: '2024-08-31', progress: null, status: 'cancelled' }),
  ],
});
