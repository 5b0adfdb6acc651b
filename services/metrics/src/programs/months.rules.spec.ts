import { EARLIEST_MONTH, LATEST_MONTH, NO_LATER_MONTH, NO_MONTH, edgesAround, monthOf, splitIntoMonths } from './months.rules';

describe('splitIntoMonths', () => {
  it('reads whole months from the monthly rows alone', () => {
    expect(splitIntoMonths({ from: '2025-01-01', to: '2025-12-31' })).toEqual({ months: { first: '2025-01', last: '2025-12' }, edges: [] });
    expect(splitIntoMonths({ from: '2024-02-01', to: '2024-02-29' })).toEqual({ months: { first: '2024-02', last: '2024-02' }, edges: [] });
  });

  it('leaves open ends open and all time as every month', () => {
    expect(splitIntoMonths({})).toEqual({ months: { first: EARLIEST_MONTH, last: LATEST_MONTH }, edges: [] });
    expect(splitIntoMonths({ to: '2025-06-30' })).toEqual({ months: { first: EARLIEST_MONTH, last: '2025-06' }, edges: [] });
    expect(splitIntoMonths({ from: '2025-09-01' })).toEqual({ months: { first: '2025-09', last: LATEST_MONTH }, edges: [] });
  });

  it('gives the partial first and last months as edge days', () => {
    expect(splitIntoMonths({ from: '2025-01-15', to: '2025-06-10' })).toEqual({
      months: { first: '2025-02', last: '2025-05' },
      edges: [
        { from: '2025-01-15', to: '2025-01-31' },
        { from: '2025-06-01', to: '2025-06-10' },
      ],
    });
    expect(splitIntoMonths({ from: '2024-12-31' })).toEqual({
      months: { first: '2025-01', last: LATEST_MONTH },
      edges: [{ from: '2024-12-31', to: '2024-12-31' }],
    });
    expect(splitIntoMonths({ to: '2025-02-27' })).toEqual({
      months: { first: EARLIEST_MONTH, last: '2025-01' },
      edges: [{ from: '2025-02-01', to: '2025-02-27' }],
    });
  });

  it('reads a period without a whole month from the days alone', () => {
    expect(splitIntoMonths({ from: '2025-03-08', to: '2025-03-08' })).toEqual({ months: null, edges: [{ from: '2025-03-08', to: '2025-03-08' }] });
    expect(splitIntoMonths({ from: '2025-01-15', to: '2025-02-10' })).toEqual({ months: null, edges: [{ from: '2025-01-15', to: '2025-02-10' }] });
    expect(splitIntoMonths({ from: '2025-12-02', to: '2026-01-31' })).toEqual({
      months: { first: '2026-01', last: '2026-01' },
      edges: [{ from: '2025-12-02', to: '2025-12-31' }],
    });
  });

  it('orders months as strings, with no month before all of them', () => {
    expect(monthOf('2025-03-08')).toBe('2025-03');
    expect(NO_MONTH < EARLIEST_MONTH && EARLIEST_MONTH < '2025-01' && '2025-12' < LATEST_MONTH).toBe(true);
  });
});

describe('edgesAround', () => {
  it('names the partial months before and after the whole ones', () => {
    const period = { from: '2025-01-15', to: '2025-06-10' };
    expect(edgesAround(splitIntoMonths(period), period)).toEqual({
      start: { from: '2025-01-15', to: '2025-01-31' },
      end: { from: '2025-06-01', to: '2025-06-10' },
    });
    expect(edgesAround(splitIntoMonths({ to: '2025-02-27' }), { to: '2025-02-27' })).toEqual({ end: { from: '2025-02-01', to: '2025-02-27' } });
    expect(edgesAround(splitIntoMonths({ from: '2024-12-31' }), { from: '2024-12-31' })).toEqual({ start: { from: '2024-12-31', to: '2024-12-31' } });
    expect(edgesAround(splitIntoMonths({ from: '2025-01-01', to: '2025-12-31' }), { from: '2025-01-01', to: '2025-12-31' })).toEqual({});
  });

  it('names none when no whole month lies inside', () => {
    const period = { from: '2025-01-15', to: '2025-02-10' };
    expect(edgesAround(splitIntoMonths(period), period)).toEqual({});
  });

  it('puts no later month after every month', () => {
    expect(LATEST_MONTH < NO_LATER_MONTH && '2025-12' < NO_LATER_MONTH).toBe(true);
  });
});
