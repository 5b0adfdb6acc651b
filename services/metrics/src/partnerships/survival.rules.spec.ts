import { type PartnershipEnding, type Recommitment, type RecommitmentRequest, requestOutcome, survivalByCity } from './survival.rules';

const request = (partnershipId: string, schoolId: string, transitionId: string, requestedAt: number, cityId = 'c1'): RecommitmentRequest => ({
  partnershipId,
  cityId,
  schoolId,
  transitionId,
  requestedAt,
});
const recommit = (partnershipId: string, schoolId: string, transitionId: string, recordedAt: number): Recommitment => ({
  partnershipId,
  schoolId,
  transitionId,
  recordedAt,
});
const ending = (partnershipId: string, status: PartnershipEnding['status'], recordedAt: number): PartnershipEnding => ({ partnershipId, status, recordedAt });

describe('requestOutcome', () => {
  it('is recommitted when a recommitment answers the request, whenever it was recorded', () => {
    expect(requestOutcome(request('P', 'A', 't1', 10), [recommit('P', 'A', 't1', 20)], [])).toBe('recommitted');
    expect(requestOutcome(request('P', 'A', 't1', 10), [recommit('P', 'A', 't1', 5)], [ending('P', 'lapsed', 8)])).toBe('recommitted');
  });

  it('is lapsed when the partnership lapsed while it waited', () => {
    expect(requestOutcome(request('P', 'A', 't1', 10), [], [ending('P', 'lapsed', 30)])).toBe('lapsed');
    // Another member's recommitment does not answer it.
    expect(requestOutcome(request('P', 'A', 't1', 10), [recommit('P', 'B', 't2', 20)], [ending('P', 'lapsed', 30)])).toBe('lapsed');
  });

  it('is dissolved when a closure dissolved (or the members ended) the partnership while it waited', () => {
    expect(requestOutcome(request('P', 'A', 't1', 10), [], [ending('P', 'dissolved', 30)])).toBe('dissolved');
    expect(requestOutcome(request('P', 'A', 't1', 10), [], [ending('P', 'ended', 30)])).toBe('dissolved');
  });

  it('counts a request the same school answered for a later transition as recommitted', () => {
    const first = request('P', 'A', 't1', 10);
    expect(requestOutcome(first, [recommit('P', 'A', 't3', 40)], [ending('P', 'lapsed', 50)])).toBe('recommitted');
    // ...but not when the partnership had lapsed first.
    expect(requestOutcome(first, [recommit('P', 'A', 't3', 60)], [ending('P', 'lapsed', 50)])).toBe('lapsed');
  });

  it('ignores what happened before the request and other partnerships', () => {
    const r = request('P', 'A', 't5', 100);
    expect(requestOutcome(r, [recommit('P', 'A', 't1', 20), recommit('Q', 'A', 't5', 120)], [ending('Q', 'lapsed', 110)])).toBe('pending');
  });
});

describe('survivalByCity', () => {
  it('tallies outcomes per city and the survival share over resolved requests', () => {
    const rows = survivalByCity(
      [
        request('P', 'A', 't1', 10),
        request('P', 'B', 't2', 11),
        request('Q', 'C', 't3', 12),
        request('R', 'D', 't4', 13),
        request('S', 'E', 't5', 14),
        request('T', 'F', 't6', 15, 'c2'),
      ],
      [recommit('P', 'A', 't1', 20), recommit('P', 'B', 't2', 21), recommit('Q', 'C', 't3', 22)],
      [ending('R', 'lapsed', 50), ending('S', 'dissolved', 60)],
    );
    expect(rows).toEqual([
      { cityId: 'c1', transitionsFaced: 5, recommitted: 3, lapsed: 1, pending: 0, dissolved: 1, survivalShare: 0.75 },
      { cityId: 'c2', transitionsFaced: 1, recommitted: 0, lapsed: 0, pending: 1, dissolved: 0, survivalShare: null },
    ]);
  });
});
