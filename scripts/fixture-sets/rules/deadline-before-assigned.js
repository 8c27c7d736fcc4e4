// fixtures/rules/deadline-before-assigned/07651_fires.csv and 07651_passes.csv (written by scripts/fixture-sets/rules.js).
// SPEC §4: deadline earlier than the assigned date.
export default ({ t, period }) => ({
  fires: [
    t(0, {
      assigned: '2024-06-01',
      deadline: '2024-05-31',
      progress: 100,
      status: 'done',
      completed: '2024-06-20',
      expect: ['deadline-before-assigned'],
    }),
    t(1, {
      assigned: '2024-07-15',
      deadline: period('Quý II/2024'),
      progress: null,
      status: 'cancelled',
      expect: ['deadline-before-assigned'],
    }),
    t(2),
  ],
  passes: [
    t(0, { assigned: '2024-06-01', deadline: '2024-06-01', progress: 100, status: 'done', completed: '2024-06-01' }),
    t(1, { assigned: '2024-09-15', deadline: period('Quý III/2024'), progress: 90 }),
  ],
});
