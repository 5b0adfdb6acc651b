import { decideClosing } from './closing.rules';

const open = { status: 'open' as const, closedOn: null };

describe('decideClosing', () => {
  it('ends every open tenure on the closing day', () => {
    const tenures = [
      { id: 't1', role: 'principal', startDate: '2020-08-01' },
      { id: 't2', role: 'assistant_principal', startDate: '2026-06-30' },
    ];
    expect(decideClosing(open, '2026-06-30', tenures)).toEqual({ ok: true, endedTenureIds: ['t1', 't2'] });
  });

  it('closes a school with no open tenure', () => {
    expect(decideClosing(open, '2026-06-30', [])).toEqual({ ok: true, endedTenureIds: [] });
  });

  it('refuses a second closure', () => {
    const verdict = decideClosing({ status: 'closed', closedOn: '2025-06-30' }, '2026-06-30', []);
    expect(verdict).toEqual({ ok: false, reason: 'the school already closed on 2025-06-30' });
  });

  it('refuses a closing date before an open tenure starts, naming the earliest such tenure', () => {
    const tenures = [
      { id: 't1', role: 'principal', startDate: '2026-08-01' },
      { id: 't2', role: 'dean', startDate: '2026-07-15' },
    ];
    expect(decideClosing(open, '2026-06-30', tenures)).toEqual({
      ok: false,
      reason: 'the dean tenure t2 starts on 2026-07-15, after the closing date 2026-06-30',
    });
  });
});
