// fixtures/rules/invalid-date/07651_fires.csv and 07651_passes.csv (written by scripts/fixture-sets/rules.js).
// SPEC §4: a date or deadline that cannot be read, or does not exist (31/02/2024).
export default ({ t }) => ({
  fires: [
    t(0, { deadline: { invalid: '31/02/2024' }, expect: ['invalid-date'] }),
    t(1, { assigned: { invalid: '15/13/2024' }, expect: ['invalid-date'] }),
    t(2, { progress: 100, status: 'done', completed: { invalid: '30/02/2024' }, expect: ['invalid-date'] }),
    t(3, { deadline: { invalid: '29/02/2023' }, expect: ['invalid-date'] }),
    t(4),
  ],
  passes: [
    t(0, { assigned: '2024-01-01', deadline: '2024-02-29', progress: 100, status: 'done', completed: '2024-02-28' }),
    t(1, { assigned: { iso: '2024-03-15', text: 'ngày 15 tháng 3 năm 2024' } }),
    t(2, { assigned: { iso: '2024-03-15', text: '15.03.2024' } }),
    t(3, { assigned: { iso: '2024-03-05', text: '5/3/2024' }, deadline: { iso: '2024-12-31', text: '2024-12-31' } }),
  ],
});
