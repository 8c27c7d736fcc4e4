// fixtures/rules/completion-before-assigned/07651_fires.csv and 07651_passes.csv (written by scripts/fixture-sets/rules.js).
// SPEC §4: completion date before the assigned date.
export default ({ t }) => ({
  fires: [
    t(0, { deadline: '2024-06-30', progress: 100, status: 'done', completed: '2024-02-28', expect: ['completion-before-assigned'] }),
    t(1),
  ],
  passes: [t(0, { deadline: '2024-06-30', progress: 100, status: 'done', completed: '2024-03-01' }), t(1)],
});
