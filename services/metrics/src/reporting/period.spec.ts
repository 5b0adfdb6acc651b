import { Problem } from '@crosswalk/problems';
import { periodOf } from './period';

describe('periodOf', () => {
  const refusal = (query: { from?: string; to?: string }): unknown => {
    try {
      periodOf(query);
    } catch (error) {
      return error instanceof Problem ? error.errors : error;
    }
    throw new Error('accepted');
  };

  it('takes one day, open ends and no period at all', () => {
    expect(periodOf({ from: '2025-03-01', to: '2025-03-01' })).toEqual({ from: '2025-03-01', to: '2025-03-01' });
    expect(periodOf({ from: '2025-03-01' })).toEqual({ from: '2025-03-01', to: undefined });
    expect(periodOf({})).toEqual({ from: undefined, to: undefined });
  });

  it('refuses a period that ends before it starts, naming to', () => {
    expect(refusal({ from: '2025-03-02', to: '2025-03-01' })).toEqual([{ field: 'to', messages: ['to must not be before from'] }]);
  });

  it('refuses days that do not exist, naming each', () => {
    expect(refusal({ from: '2025-02-30', to: '2025-04-31' })).toEqual([
      { field: 'from', messages: ['from must be a day that exists'] },
      { field: 'to', messages: ['to must be a day that exists'] },
    ]);
  });
});
