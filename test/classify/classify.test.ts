import { describe, expect, it } from 'vitest';
import { CLASS_LABEL, classify, isRegisteredAt } from '../../src/classify/index.js';
import type { RuleId } from '../../src/types.js';
import { date, diagAt, kinds, task } from '../aggregate/make.js';

const D = '2024-09-30';

describe('classify (SPEC §3)', () => {
  it('gives each class of the table', () => {
    expect(classify(task(kinds.doneOnTime()), [], D)).toBe('doneOnTime');
    expect(classify(task(kinds.doneLate()), [], D)).toBe('doneLate');
    expect(classify(task(kinds.pendingOnTime()), [], D)).toBe('pendingOnTime');
    expect(classify(task(kinds.pendingOverdue()), [], D)).toBe('pendingOverdue');
    expect(classify(task(kinds.cancelled()), [], D)).toBe('cancelled');
  });

  it('counts not started and paused tasks as unfinished', () => {
    expect(classify(task({ status: 'not_started', progress: { kind: 'empty' }, deadline: date('2024-10-01') }), [], D)).toBe(
      'pendingOnTime',
    );
    expect(classify(task({ status: 'paused', deadline: date('2024-09-29') }), [], D)).toBe('pendingOverdue');
  });

  it('a deadline on the as-of day is still on time; the day after it is overdue', () => {
    const t = task({ status: 'in_progress', deadline: date(D) });
    expect(classify(t, [], D)).toBe('pendingOnTime');
    expect(classify(t, [], '2024-10-01')).toBe('pendingOverdue');
  });

  it('completion on the deadline is on time, a day after is late', () => {
    expect(classify(task({ status: 'done', deadline: date('2024-06-30'), completed: date('2024-06-30') }), [], D)).toBe('doneOnTime');
    expect(classify(task({ status: 'done', deadline: date('2024-06-30'), completed: date('2024-07-01') }), [], D)).toBe('doneLate');
  });

  it("done without a completion date is done on time (the warning is the rule's business)", () => {
    const t = task({ status: 'done', deadline: date('2024-06-30'), completed: { kind: 'empty' } });
    expect(classify(t, [diagAt('completion-date-missing', t, 'completed', 'warning')], D)).toBe('doneOnTime');
  });

  it('a period deadline is judged on its last day', () => {
    const t = task({ status: 'in_progress', deadline: { kind: 'date', date: '2024-09-30', period: 'Quý III/2024' } });
    expect(classify(t, [], '2024-09-30')).toBe('pendingOnTime');
    expect(classify(t, [], '2024-10-01')).toBe('pendingOverdue');
    const done = task({
      status: 'done',
      deadline: { kind: 'date', date: '2024-09-30', period: 'Quý III/2024' },
      completed: date('2024-09-30'),
    });
    expect(classify(done, [], '2024-12-31')).toBe('doneOnTime');
  });

  const listed: RuleId[] = [
    'deadline-missing',
    'deadline-before-assigned',
    'invalid-status',
    'invalid-progress',
    'status-progress-mismatch',
    'completion-in-future',
    'completion-before-assigned',
  ];
  it.each(listed)('an error of %s leaves the task unclassified', (rule) => {
    const t = task(kinds.doneOnTime());
    expect(classify(t, [diagAt(rule, t, 'status')], D)).toBe('unclassified');
  });

  it('the same rules as warnings change nothing', () => {
    const t = task(kinds.doneOnTime());
    expect(
      classify(
        t,
        listed.map((r) => diagAt(r, t, 'status', 'warning')),
        D,
      ),
    ).toBe('doneOnTime');
  });

  it('invalid-date unclassifies only on the deadline or completion column', () => {
    const t = task(kinds.pendingOverdue());
    expect(classify(t, [diagAt('invalid-date', t, 'deadline')], D)).toBe('unclassified');
    expect(classify(t, [diagAt('invalid-date', t, 'completed')], D)).toBe('unclassified');
    expect(classify(t, [diagAt('invalid-date', t, 'assigned')], D)).toBe('pendingOverdue');
    // a progress-update sheet has its own column letters
    expect(classify(t, [{ ...diagAt('invalid-date', t, 'deadline'), sheet: 'Tiến độ' }], D)).toBe('pendingOverdue');
  });

  it('ownership errors and other warnings leave the class unchanged', () => {
    const t = task(kinds.pendingOverdue());
    const ds = [
      diagAt('owner-missing', t, 'owner'),
      diagAt('owner-unknown', t, 'owner'),
      diagAt('owner-inactive', t, 'owner'),
      diagAt('overdue', t, 'deadline', 'warning'),
      diagAt('at-risk', t, 'progress', 'warning'),
    ];
    expect(classify(t, ds, D)).toBe('pendingOverdue');
  });

  it('a listed error wins over cancelled', () => {
    const t = task(kinds.cancelled());
    expect(classify(t, [diagAt('invalid-progress', t, 'progress')], D)).toBe('unclassified');
  });

  it('defends against rules turned off: unknown status or unreadable deadline on an open task', () => {
    expect(classify(task({ status: null }), [], D)).toBe('unclassified');
    expect(classify(task({ status: 'in_progress', deadline: { kind: 'empty' } }), [], D)).toBe('unclassified');
    expect(classify(task({ status: 'done', deadline: { kind: 'invalid', text: 'sớm' }, completed: date('2024-01-01') }), [], D)).toBe(
      'doneOnTime',
    );
  });

  it('labels every class as SPEC §3 does', () => {
    expect(CLASS_LABEL.vi).toEqual({
      doneOnTime: 'Hoàn thành đúng hạn',
      doneLate: 'Hoàn thành quá hạn',
      pendingOnTime: 'Chưa hoàn thành, trong hạn',
      pendingOverdue: 'Chưa hoàn thành, quá hạn',
      cancelled: 'Dừng, hủy',
      unclassified: 'Chưa xác định',
    });
  });
});

describe('isRegisteredAt', () => {
  it('leaves out a task assigned after the as-of date', () => {
    expect(isRegisteredAt(task({ assigned: date('2024-10-01') }), D)).toBe(false);
    expect(isRegisteredAt(task({ assigned: date(D) }), D)).toBe(true);
    expect(isRegisteredAt(task({ assigned: { kind: 'empty' } }), D)).toBe(true);
    expect(isRegisteredAt(task({ assigned: { kind: 'invalid', text: '32/13/2024' } }), D)).toBe(true);
  });
});
