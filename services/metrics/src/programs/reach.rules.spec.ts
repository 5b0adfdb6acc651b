import { concentration, schoolReach, schoolReachOf, topSchoolCount } from './reach.rules';

describe('concentration', () => {
  it('takes the top 10% of schools, rounded up', () => {
    expect([0, 1, 9, 10, 11, 20, 21, 30].map(topSchoolCount)).toEqual([0, 1, 1, 1, 2, 2, 3, 3]);
  });

  it('gives the share of attendances from those schools', () => {
    // 10 schools: the top one (10 of 28 attendances).
    expect(concentration([2, 2, 2, 2, 2, 2, 2, 2, 2, 10])).toEqual({ topSchools: 1, topSchoolsShare: 0.3571 });
    // 11 schools: the top two, whatever order they come in.
    expect(concentration([1, 1, 1, 9, 1, 1, 1, 1, 1, 1, 6])).toEqual({ topSchools: 2, topSchoolsShare: 0.625 });
    // Ties at the edge: the counts are the same whichever school is taken.
    expect(concentration([3, 3, 3])).toEqual({ topSchools: 1, topSchoolsShare: 0.3333 });
    expect(concentration([5])).toEqual({ topSchools: 1, topSchoolsShare: 1 });
  });

  it('is null without attendances', () => {
    expect(concentration([])).toEqual({ topSchools: 0, topSchoolsShare: null });
  });
});

describe('schoolReach', () => {
  const period = { from: '2025-01-01', to: '2025-12-31' };
  const facts = {
    // A and B reached in 2025; A first in 2024 (repeat), B first in 2025 (new).
    attendancesBySchool: new Map([
      ['A', 3],
      ['B', 1],
    ]),
    // C reached only in 2026: not by the end of 2025.
    firstReachedOn: new Map([
      ['A', '2024-03-01'],
      ['B', '2025-02-01'],
      ['C', '2026-01-15'],
    ]),
    directorySchools: ['A', 'B', 'C', 'D'],
  };

  it('splits reached schools into new and repeat by their first attendance in the city', () => {
    expect(schoolReach(facts, period)).toEqual({
      schools: 2,
      newSchools: 1,
      repeatSchools: 1,
      schoolAttendances: 4,
      topSchools: 1,
      topSchoolsShare: 0.75,
      schoolsInCity: 4,
      neverReached: 2, // C (only later) and D
    });
  });

  it('counts every reached school as new, and only the unreached as never reached, over all time', () => {
    const allTime = { ...facts, attendancesBySchool: new Map([...facts.attendancesBySchool, ['C', 2]]) };
    expect(schoolReach(allTime, {})).toMatchObject({ schools: 3, newSchools: 3, repeatSchools: 0, neverReached: 1 });
  });
});

describe('schoolReachOf', () => {
  it('derives repeat schools, the top 10% and never reached from the counts', () => {
    expect(schoolReachOf({ schools: 11, newSchools: 4, schoolAttendances: 40, topAttendances: 15, schoolsInCity: 20, reachedByEnd: 13 })).toEqual({
      schools: 11,
      newSchools: 4,
      repeatSchools: 7,
      schoolAttendances: 40,
      topSchools: 2,
      topSchoolsShare: 0.375,
      schoolsInCity: 20,
      neverReached: 7,
    });
  });

  it('has no share without attendances', () => {
    expect(schoolReachOf({ schools: 0, newSchools: 0, schoolAttendances: 0, topAttendances: 0, schoolsInCity: 3, reachedByEnd: 0 })).toMatchObject({
      topSchools: 0,
      topSchoolsShare: null,
      neverReached: 3,
    });
  });
});
