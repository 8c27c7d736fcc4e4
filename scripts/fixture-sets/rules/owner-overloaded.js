// fixtures/rules/owner-overloaded/07651_fires.csv and 07651_passes.csv (written by scripts/fixture-sets/rules.js).
// SPEC §4: one person owns more than `maxOpenTasksPerOwner` (default 7) unfinished tasks.
export default ({ t }) => ({
  fires: [
    ...Array.from({ length: 8 }, (_, i) =>
      t(i, { owner: 'Nguyễn Văn An', progress: 10 + i * 5, expect: i === 7 ? ['owner-overloaded'] : [] }),
    ),
    t(9, { owner: 'Phùng Văn Đảng' }),
  ],
  passes: [
    ...Array.from({ length: 7 }, (_, i) => t(i, { owner: 'Nguyễn Văn An', progress: 10 + i * 5 })),
    t(7, { owner: 'Nguyễn Văn An', progress: 100, status: 'done', completed: '2024-08-15' }),
    t(8, { owner: 'Nguyễn Văn An', progress: null, status: 'cancelled' }),
    t(9, { owner: 'Trần Thị Hà' }),
    t(10, { owner: 'Trần Thị Hà' }),
  ],
});
