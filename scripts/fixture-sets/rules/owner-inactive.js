// fixtures/rules/owner-inactive/07651_fires.csv and 07651_passes.csv (written by scripts/fixture-sets/rules.js).
// SPEC §4: roster rows give this name in the unit, none on the as-of date: reassign.
export default ({ t }) => ({
  fires: [t(0, { owner: 'Lê Văn Cường', expect: ['owner-inactive'] }), t(1, { owner: 'Bùi Văn Khánh', expect: ['owner-inactive'] }), t(2)],
  passes: [t(0, { owner: 'Đinh Thị Mơ' }), t(1, { owner: 'Hoàng Thị Lan' }), t(2)],
});
