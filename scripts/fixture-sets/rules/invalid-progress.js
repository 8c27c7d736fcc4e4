// fixtures/rules/invalid-progress/07651_fires.csv and 07651_passes.csv (written by scripts/fixture-sets/rules.js).
// SPEC §4: progress not a number in 0–100.
export default ({ t }) => ({
  fires: [
    t(0, { progress: { invalid: '120' }, status: 'done', completed: '2024-08-20', expect: ['invalid-progress'] }),
    t(1, { progress: { invalid: '-10' }, status: 'not_started', expect: ['invalid-progress'] }),
    t(2, { progress: { invalid: 'khoảng 50' }, expect: ['invalid-progress'] }),
    t(3),
  ],
  passes: [
    t(0, { progress: { value: 45.5, text: '45,5%' } }),
    t(1, { progress: 100, status: 'done', completed: '2024-08-20' }),
    t(2, { progress: 0, status: 'not_started' }),
    t(3, { progress: { value: 45.5, text: '45.5' } }),
    t(4, { progress: { value: 99.9, text: '99,9' } }),
  ],
});
