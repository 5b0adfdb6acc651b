import { type FellowFacts, advances, fellowChange, fellowFigures, originSectorOf, reachesEnrolment, retentionChange } from './fellowship.rules';

const fellow = (over: Partial<FellowFacts> = {}): FellowFacts => ({ stage: 'applied', enrolled: false, placements: 0, confirmedPlacements: 0, ...over });

describe('fellowship rules', () => {
  it('moves a fellow forward only: a stage already passed, or repeated, changes nothing', () => {
    expect(advances(null, 'applied')).toBe(true);
    expect(advances('applied', 'accepted')).toBe(true);
    expect(advances('accepted', 'enrolled')).toBe(true);
    expect(advances('enrolled', 'completed')).toBe(true);
    expect(advances('applied', 'withdrawn')).toBe(true);
    expect(advances('enrolled', 'applied')).toBe(false);
    expect(advances('enrolled', 'enrolled')).toBe(false);
    expect(advances('completed', 'withdrawn')).toBe(false);
    expect(advances('not_completed', 'completed')).toBe(false);
  });

  it('counts enrolment for enrolled and completed only (not_completed may come before enrolment)', () => {
    expect(['applied', 'accepted', 'enrolled', 'completed', 'withdrawn', 'not_completed'].filter((s) => reachesEnrolment(s as never))).toEqual([
      'enrolled',
      'completed',
    ]);
  });

  it('counts a fellow once in each figure their facts reach', () => {
    expect(fellowFigures(fellow({ stage: null }))).toEqual({
      applied: 0,
      enrolled: 0,
      completed: 0,
      withdrawn: 0,
      notCompleted: 0,
      placed: 0,
      placedConfirmed: 0,
    });
    expect(fellowFigures(fellow({ stage: 'withdrawn', enrolled: true }))).toEqual({
      applied: 1,
      enrolled: 1,
      completed: 0,
      withdrawn: 1,
      notCompleted: 0,
      placed: 0,
      placedConfirmed: 0,
    });
    expect(fellowFigures(fellow({ stage: 'completed', enrolled: true, placements: 2, confirmedPlacements: 1 }))).toMatchObject({
      completed: 1,
      placed: 1,
      placedConfirmed: 1,
    });
  });

  it('changes only the figures that move', () => {
    expect(fellowChange(fellow({ stage: 'accepted' }), fellow({ stage: 'enrolled', enrolled: true }))).toEqual({ enrolled: 1 });
    expect(fellowChange(fellow({ stage: 'enrolled', enrolled: true }), fellow({ stage: 'withdrawn', enrolled: true }))).toEqual({ withdrawn: 1 });
    // A second placement does not place the fellow twice.
    expect(fellowChange(fellow({ placements: 1 }), fellow({ placements: 2 }))).toEqual({});
    expect(fellowChange(fellow({ stage: null }), fellow())).toEqual({ applied: 1 });
  });

  it('replaces a checkpoint outcome by the difference, unknown being neither retained nor left', () => {
    expect(retentionChange(1, null, 'retained')).toEqual({ retained1y: 1 });
    expect(retentionChange(1, 'retained', 'left')).toEqual({ retained1y: -1, left1y: 1 });
    expect(retentionChange(2, null, 'unknown')).toEqual({});
    expect(retentionChange(3, 'left', 'unknown')).toEqual({ left3y: -1 });
    expect(retentionChange(1, 'left', 'left')).toEqual({});
  });

  it('names a fellow without a school in the directory `none`', () => {
    expect(originSectorOf(null)).toBe('none');
    expect(originSectorOf('charter')).toBe('charter');
  });
});
