// fixtures/rules/duplicate-task/07651_fires.csv and 07651_passes.csv (written by scripts/fixture-sets/rules.js).
// SPEC §4: a task id appears twice in one unit.
export default ({ t }) => ({
  cols: [{ key: 'id', header: 'Mã việc', after: 'no' }],
  fires: [
    t(0, { id: 'VK-01' }),
    t(1, { id: 'VK-02' }),
    t(2, { id: 'VK-03' }),
    t(4, { id: 'VK-02', title: 'Vận động Nhân dân hiến đất làm đường (bổ sung)', expect: ['duplicate-task'] }),
    t(5, { id: 'VK-04', progress: 100, status: 'done', completed: '2024-06-15' }),
  ],
  passes: [t(2, { id: 'VK-01' }), t(2, { id: 'VK-02', owner: 'Trần Thị Hà' }), t(3, { id: 'VK-03' })],
});
