// fixtures/rules/at-risk/07651_fires.csv and 07651_passes.csv (written by scripts/fixture-sets/rules.js).
// SPEC §4: deadline within `atRiskDays` (default 30) and progress below the share of time elapsed by more than `atRiskGap` (default 30 points) — *nguy cơ chậm tiến độ*.
export default ({ t }) => ({
  fires: [
    t(0, { assigned: '2024-01-01', deadline: '2024-10-15', progress: 20, expect: ['at-risk'] }),
    t(1, { assigned: '2024-07-01', deadline: '2024-10-20', progress: 10, expect: ['at-risk'] }),
    t(2, { assigned: '2024-06-01', deadline: '2024-10-10', progress: 0, status: 'not_started', expect: ['at-risk'] }),
    t(3),
  ],
  passes: [
    t(0, { assigned: '2024-01-01', deadline: '2024-10-15', progress: 70 }),
    t(1, { assigned: '2024-01-01', deadline: '2024-11-15', progress: 20 }),
    t(2, { assigned: '2024-01-01', deadline: '2024-10-15', progress: 100, status: 'done', completed: '2024-09-20' }),
  ],
});
