// unit-duplicate: two or more registers resolve to the same unit. Each of them is an error for the
// whole file, naming the other files, and none of them is counted until the clerk removes all but one.
import type { Register } from '../types.js';
import { runRule } from './rule.js';

const rule = runRule({
  meta: {
    id: 'unit-duplicate',
    severity: 'error',
    description: {
      vi: 'Hai tệp trở lên cùng là báo cáo của một đơn vị',
      en: 'Two or more registers resolve to the same unit',
    },
    messages: {
      default: {
        vi: 'Tệp này và {{files}} cùng là báo cáo của {{name}} ({{unit}}) — chỉ giữ lại một tệp cho mỗi đơn vị',
        en: 'This file and {{files}} are all registers of {{name}} ({{unit}}) — keep only one file per unit',
      },
    },
  },
  scope: 'run',
  check(registers, _ctx, report) {
    const byUnit = new Map<string, Register[]>();
    for (const register of registers) {
      if (!register.unit) continue;
      const group = byUnit.get(register.unit.code) ?? [];
      group.push(register);
      byUnit.set(register.unit.code, group);
    }
    for (const group of byUnit.values()) {
      if (group.length < 2) continue;
      for (const register of group) {
        const others = group.filter((r) => r !== register).map((r) => r.displayPath);
        report({
          at: { register, sheet: null, row: null, column: null, taskId: null },
          data: { unit: register.unit!.code, name: register.unit!.name, files: others.join(', ') },
        });
      }
    }
  },
});

export default rule;
