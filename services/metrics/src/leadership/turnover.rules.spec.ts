import { turnoverByCityAndYear } from './turnover.rules';
import type { Transition } from './transitions.rules';

let sequence = 0;
/** A transition at `holder`: `from -> to` effective `day`; recorded in call order. */
function at(holder: string, day: string, from: string | null, to: string | null, extra: Partial<Transition> = {}): Transition {
  sequence += 1;
  return {
    transitionId: `t${sequence}`,
    holderKind: 'school',
    holderId: holder,
    cityId: 'c1',
    role: 'principal',
    outgoingPersonId: from,
    incomingPersonId: to,
    effectiveDate: day,
    supersedesTransitionId: null,
    recordedAt: sequence,
    ...extra,
  };
}

const chief = (org: string, day: string, from: string | null, to: string | null, extra: Partial<Transition> = {}) =>
  at(org, day, from, to, { holderKind: 'organization', role: 'chief', ...extra });

describe('turnoverByCityAndYear', () => {
  it('counts principal transitions per year over the schools that had a principal that year', () => {
    const rows = turnoverByCityAndYear(
      [
        at('A', '2023-08-01', null, 'p1'), // A staffed from Aug 2023
        at('B', '2024-07-01', 'p2', 'p3'), // p2 held B before: B staffed in 2023 too
        at('A', '2024-02-01', 'p1', 'p4'),
      ],
      [],
    );
    expect(rows).toEqual([
      { cityId: 'c1', year: 2023, transitions: 1, schoolsWithPrincipal: 2, turnoverRate: 0.5, chiefTransitions: 0 },
      { cityId: 'c1', year: 2024, transitions: 2, schoolsWithPrincipal: 2, turnoverRate: 1, chiefTransitions: 0 },
    ]);
  });

  it('lets a correction replace the transition it supersedes, even in another year or arriving first', () => {
    const original = at('A', '2023-12-15', 'p1', 'p2');
    const correction = at('A', '2024-01-10', 'p1', 'p3', { supersedesTransitionId: original.transitionId });
    const second = at('A', '2024-03-01', 'p1', 'p5', { supersedesTransitionId: correction.transitionId });
    const other = at('B', '2023-05-01', null, 'p9');
    const rows = turnoverByCityAndYear([second, correction, other, original], []);
    expect(rows.map((r) => [r.year, r.transitions, r.schoolsWithPrincipal])).toEqual([
      [2023, 1, 2],
      [2024, 1, 2],
    ]);
  });

  it('does not count a school whose role stayed vacant the whole year, nor after it closed', () => {
    const rows = turnoverByCityAndYear(
      [
        at('C', '2022-06-01', 'p6', null), // vacant from June 2022...
        at('C', '2024-02-01', null, 'p7'), // ...until Feb 2024
        at('D', '2022-01-10', null, 'p8'),
      ],
      [{ schoolId: 'D', closedOn: '2023-06-30' }],
    );
    expect(rows.map((r) => [r.year, r.transitions, r.schoolsWithPrincipal, r.turnoverRate])).toEqual([
      [2022, 2, 2, 1],
      [2023, 0, 1, 0], // only D, until it closed
      [2024, 1, 1, 1], // only C again
    ]);
  });

  it('counts the outgoing principal of a 1 January transition in the year before', () => {
    const rows = turnoverByCityAndYear([at('A', '2023-03-01', null, 'p1'), at('A', '2024-01-01', 'p1', 'p2'), at('B', '2023-03-01', null, 'p3')], []);
    expect(rows.map((r) => [r.year, r.schoolsWithPrincipal])).toEqual([
      [2023, 2],
      [2024, 2],
    ]);
    // Two changes on one day: the principal in between held the role no day at all.
    const sameDay = turnoverByCityAndYear([at('E', '2024-01-01', null, 'p1'), at('E', '2024-01-01', 'p1', null)], []);
    expect(sameDay).toEqual([{ cityId: 'c1', year: 2024, transitions: 2, schoolsWithPrincipal: 0, turnoverRate: null, chiefTransitions: 0 }]);
  });

  it('reports chief transitions separately and ignores other roles', () => {
    const rows = turnoverByCityAndYear(
      [
        at('A', '2024-08-01', null, 'p1'),
        at('A', '2024-09-01', null, 'ap1', { role: 'assistant_principal' }),
        chief('O', '2023-07-01', 'x', 'y'),
        chief('O', '2024-07-01', 'y', 'z'),
        chief('O', '2024-07-01', 'y', 'w', { holderKind: 'organization', role: 'board_chair' }),
      ],
      [],
    );
    expect(rows).toEqual([
      { cityId: 'c1', year: 2023, transitions: 0, schoolsWithPrincipal: 0, turnoverRate: null, chiefTransitions: 1 },
      { cityId: 'c1', year: 2024, transitions: 1, schoolsWithPrincipal: 1, turnoverRate: 1, chiefTransitions: 1 },
    ]);
  });

  it('keeps cities apart, lists them in id order, and fills years without transitions', () => {
    const rows = turnoverByCityAndYear(
      [at('Z', '2021-09-01', 'q1', 'q2', { cityId: 'c2' }), at('A', '2020-08-01', null, 'p1'), at('A', '2022-08-01', 'p1', 'p2')],
      [],
    );
    expect(rows.map((r) => [r.cityId, r.year, r.transitions, r.schoolsWithPrincipal, r.turnoverRate])).toEqual([
      ['c1', 2020, 1, 1, 1],
      ['c1', 2021, 0, 1, 0],
      ['c1', 2022, 1, 1, 1],
      ['c2', 2021, 1, 1, 1],
    ]);
  });

  it('gives the same rows whatever order the facts come in', () => {
    const facts = [
      at('A', '2023-08-01', null, 'p1'),
      at('A', '2024-02-01', 'p1', 'p4'),
      at('B', '2024-07-01', 'p2', null),
      at('B', '2024-07-01', null, 'p3'),
      chief('O', '2024-01-01', null, 'x'),
    ];
    const expected = turnoverByCityAndYear(facts, []);
    expect(turnoverByCityAndYear([...facts].reverse(), [])).toEqual(expected);
    expect(turnoverByCityAndYear([facts[3], facts[0], facts[4], facts[2], facts[1]], [])).toEqual(expected);
  });
});
