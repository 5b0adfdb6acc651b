import type { Transition } from '../leadership/transitions.rules';
import { compactsByCity, countSignatories, type Signature, stillInPost } from './signatories.rules';

let sequence = 0;
function at(org: string, day: string, from: string | null, to: string | null, extra: Partial<Transition> = {}): Transition {
  sequence += 1;
  return {
    transitionId: `t${sequence}`,
    holderKind: 'organization',
    holderId: org,
    cityId: 'c1',
    role: 'chief',
    outgoingPersonId: from,
    incomingPersonId: to,
    effectiveDate: day,
    supersedesTransitionId: null,
    recordedAt: sequence,
    ...extra,
  };
}

const signed = (org: string, person: string, extra: Partial<Signature> = {}): Signature => ({
  compactId: 'k1',
  cityId: 'c1',
  organizationId: org,
  personId: person,
  roleAtSigning: 'chief',
  signedOn: '2024-03-01',
  ...extra,
});

const TODAY = '2026-01-01';

describe('stillInPost', () => {
  it('holds while no later transition moves the signer out', () => {
    expect(stillInPost(signed('O', 'alice'), [], TODAY)).toBe(true);
    // Her own appointment, and transitions before the signing, change nothing.
    expect(stillInPost(signed('O', 'alice'), [at('O', '2020-01-01', 'x', 'alice'), at('O', '2024-03-01', 'x', 'alice')], TODAY)).toBe(true);
    expect(stillInPost(signed('O', 'alice'), [at('O', '2025-07-01', 'alice', 'bob')], TODAY)).toBe(false);
    expect(stillInPost(signed('O', 'alice'), [at('O', '2025-07-01', 'alice', null)], TODAY)).toBe(false);
  });

  it('ignores transitions of other organizations and roles, and those not effective yet', () => {
    const elsewhere = [at('P', '2025-07-01', 'alice', null), at('O', '2025-07-01', 'alice', null, { role: 'board_chair' })];
    expect(stillInPost(signed('O', 'alice'), elsewhere, TODAY)).toBe(true);
    expect(stillInPost(signed('O', 'alice'), [at('O', '2026-06-30', 'alice', 'bob')], TODAY)).toBe(true);
  });

  it('follows corrections: a superseded departure does not count, its correction does', () => {
    const departure = at('O', '2025-07-01', 'alice', 'bob');
    const undone = at('O', '2025-07-01', 'carol', 'bob', { supersedesTransitionId: departure.transitionId });
    // The correction says someone else was replaced; the one seat still went to bob.
    expect(stillInPost(signed('O', 'alice'), [undone, departure], TODAY)).toBe(false);
    const later = at('O', '2026-09-01', 'alice', 'bob', { supersedesTransitionId: departure.transitionId });
    expect(stillInPost(signed('O', 'alice'), [later, departure], TODAY)).toBe(true);
  });

  it('sees a signer who left and came back as in post', () => {
    expect(stillInPost(signed('O', 'alice'), [at('O', '2025-01-01', 'alice', 'bob'), at('O', '2025-09-01', 'bob', 'alice')], TODAY)).toBe(true);
  });

  it('for multi-holder roles, only the signer leaving ends the post', () => {
    const chair = signed('O', 'alice', { roleAtSigning: 'board_chair' });
    expect(stillInPost(chair, [at('O', '2025-01-01', null, 'bob', { role: 'board_chair' })], TODAY)).toBe(true);
    expect(stillInPost(chair, [at('O', '2025-01-01', 'alice', null, { role: 'board_chair' })], TODAY)).toBe(false);
  });

  it('a signer without a role at signing is not in post', () => {
    expect(stillInPost(signed('O', 'alice', { roleAtSigning: null }), [], TODAY)).toBe(false);
  });
});

describe('counts', () => {
  it('counts signatories, those in post and the share', () => {
    const signatures = [signed('O', 'alice'), signed('P', 'dan'), signed('Q', 'eve')];
    const transitions = [at('O', '2025-07-01', 'alice', 'bob')];
    expect(countSignatories(signatures, transitions, TODAY)).toEqual({ signatories: 3, inPost: 2, inPostShare: 0.6667 });
    expect(countSignatories([], transitions, TODAY)).toEqual({ signatories: 0, inPost: 0, inPostShare: null });
  });

  it('adds up per city, in city order, only signatures of known compacts', () => {
    const compacts = [
      { compactId: 'k2', cityId: 'c2' },
      { compactId: 'k1', cityId: 'c1' },
      { compactId: 'k3', cityId: 'c1' },
    ];
    const signatures = [
      signed('O', 'alice'),
      signed('P', 'dan', { compactId: 'k3' }),
      signed('O', 'alice', { compactId: 'k3' }),
      signed('R', 'fay', { compactId: 'k2', cityId: 'c2' }),
      signed('S', 'gus', { compactId: 'k9' }),
    ];
    expect(compactsByCity(compacts, signatures, [at('O', '2025-07-01', 'alice', 'bob')], TODAY)).toEqual([
      { cityId: 'c1', compacts: 2, signatories: 3, inPost: 1, inPostShare: 0.3333 },
      { cityId: 'c2', compacts: 1, signatories: 1, inPost: 1, inPostShare: 1 },
    ]);
  });
});
