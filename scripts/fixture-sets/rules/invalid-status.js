// fixtures/rules/invalid-status/07651_fires.csv and 07651_passes.csv (written by scripts/fixture-sets/rules.js).
// SPEC §4: status not in the vocabulary (suggest the closest).
export default ({ t }) => ({
  fires: [
    t(0, { status: { invalid: 'Đang xúc tiến' }, expect: ['invalid-status'] }),
    t(1, { status: { invalid: 'Xong một phần' }, expect: ['invalid-status'] }),
    t(2),
  ],
  passes: [
    t(0, { statusText: 'dang thuc hien' }),
    t(1, { progress: 100, status: 'done', statusText: 'HOÀN THÀNH', completed: '2024-07-20' }),
    t(2, { progress: null, status: 'cancelled', statusText: 'Đã hủy' }),
    t(3, { progress: 60, status: 'paused', statusText: 'Tạm hoãn' }),
    t(4, { progress: 30, status: null }),
    t(5, { progress: 0, status: 'not_started', statusText: 'Chưa thực hiện' }),
  ],
});
