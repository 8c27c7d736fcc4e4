// fixtures/rules/completion-date-missing/07651_fires.csv and 07651_passes.csv (written by scripts/fixture-sets/rules.js).
// SPEC §4: done without a completion date.
export default ({ t }) => ({
  fires: [
    t(0, { progress: 100, status: 'done', expect: ['completion-date-missing'] }),
    t(1, { progress: 100, status: null, expect: ['completion-date-missing'] }),
    t(2),
  ],
  passes: [t(0, { progress: 100, status: 'done', completed: '2024-07-01' }), t(1, { progress: null, status: 'cancelled' })],
});
