// fixtures/rules/completion-in-future/07651_fires.csv and 07651_passes.csv (written by scripts/fixture-sets/rules.js).
// SPEC §4: completion date after the as-of date.
export default ({ t }) => ({
  fires: [t(0, { progress: 100, status: 'done', completed: '2024-10-15', expect: ['completion-in-future'] }), t(1)],
  passes: [t(0, { progress: 100, status: 'done', completed: '2024-09-30' }), t(1)],
});
