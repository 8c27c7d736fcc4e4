// fixtures/rules/status-progress-mismatch/07651_fires.csv and 07651_passes.csv (written by scripts/fixture-sets/rules.js).
// SPEC §4: done with progress < 100, not_started with progress > 0, or progress 100 but not done.
export default ({ t }) => ({
  cols: [
    { key: 'target', header: 'Chỉ tiêu', after: 'deadline' },
    { key: 'achieved', header: 'Kết quả đạt được', after: 'target' },
  ],
  fires: [
    t(0, { progress: 80, status: 'done', completed: '2024-08-20', expect: ['status-progress-mismatch'] }),
    t(1, { progress: 20, status: 'not_started', expect: ['status-progress-mismatch'] }),
    t(2, { progress: 100, status: 'in_progress', expect: ['status-progress-mismatch'] }),
    t(3, { target: 10, achieved: 10, progress: null, status: 'in_progress', expect: ['status-progress-mismatch'] }),
    t(4),
  ],
  passes: [
    t(0, { progress: 100, status: 'done', completed: '2024-08-20' }),
    t(1, { progress: 99 }),
    t(2, { progress: 0, status: 'not_started' }),
    t(3, { progress: 60, status: 'paused' }),
    // 120% of the target: capped at 100 for the status, so done is consistent
    t(4, { target: 10, achieved: 12, progress: null, status: 'done', completed: '2024-09-02' }),
  ],
});
