import { REGISTRATION_STATUSES, type RegistrationStatus } from '@crosswalk/contracts';
import { contributionChange, contributionOf, isSchoolLeader, reachedSchoolOf, sectorOrNone } from './participation.rules';

describe('contributionOf', () => {
  it('counts a registration while it holds or waits for a seat, and an attendance only when attended', () => {
    const table = Object.fromEntries(REGISTRATION_STATUSES.map((s) => [s, contributionOf(s)]));
    expect(table).toEqual({
      registered: { registrations: 1, attendances: 0 },
      waitlisted: { registrations: 1, attendances: 0 },
      offered: { registrations: 1, attendances: 0 },
      declined: { registrations: 0, attendances: 0 },
      expired: { registrations: 0, attendances: 0 },
      cancelled: { registrations: 0, attendances: 0 },
      attended: { registrations: 1, attendances: 1 },
      no_show: { registrations: 1, attendances: 0 },
    });
    expect(contributionOf(null)).toEqual({ registrations: 0, attendances: 0 });
  });
});

describe('contributionChange', () => {
  it('adds a new registration, and takes it back when it is cancelled, declined or expires', () => {
    expect(contributionChange(null, 'registered')).toEqual({ registrations: 1, attendances: 0 });
    expect(contributionChange(null, 'waitlisted')).toEqual({ registrations: 1, attendances: 0 });
    expect(contributionChange('registered', 'cancelled')).toEqual({ registrations: -1, attendances: 0 });
    expect(contributionChange('offered', 'declined')).toEqual({ registrations: -1, attendances: 0 });
    expect(contributionChange('offered', 'expired')).toEqual({ registrations: -1, attendances: 0 });
  });

  it('moves an attendance with every correction, and changes nothing for a status repeated', () => {
    expect(contributionChange('registered', 'attended')).toEqual({ registrations: 0, attendances: 1 });
    expect(contributionChange('attended', 'no_show')).toEqual({ registrations: 0, attendances: -1 });
    expect(contributionChange('no_show', 'attended')).toEqual({ registrations: 0, attendances: 1 });
    for (const status of REGISTRATION_STATUSES) expect(contributionChange(status, status)).toEqual({ registrations: 0, attendances: 0 });
  });

  it('sums to the final status whatever path a registration took', () => {
    const paths: RegistrationStatus[][] = [
      ['waitlisted', 'offered', 'expired'],
      ['waitlisted', 'offered', 'registered', 'attended', 'no_show', 'attended'],
      ['registered', 'cancelled'],
    ];
    for (const path of paths) {
      let previous: RegistrationStatus | null = null;
      const total = { registrations: 0, attendances: 0 };
      for (const status of path) {
        const change = contributionChange(previous, status);
        total.registrations += change.registrations;
        total.attendances += change.attendances;
        previous = status;
      }
      expect(total).toEqual(contributionOf(path[path.length - 1]));
    }
  });
});

describe('who and what an attendance reaches', () => {
  it('treats principals and chiefs as school leaders, and no other role', () => {
    expect(isSchoolLeader('principal')).toBe(true);
    expect(isSchoolLeader('chief')).toBe(true);
    expect(isSchoolLeader('assistant_principal')).toBe(false);
    expect(isSchoolLeader('teacher')).toBe(false);
    expect(isSchoolLeader(null)).toBe(false);
  });

  it('does not count the host school as reached by its own event', () => {
    expect(reachedSchoolOf('s1', 's2')).toBe('s1');
    expect(reachedSchoolOf('s1', null)).toBe('s1');
    expect(reachedSchoolOf('s1', 's1')).toBeNull();
    expect(reachedSchoolOf(null, 's1')).toBeNull();
  });

  it('names a missing sector none', () => {
    expect(sectorOrNone('charter')).toBe('charter');
    expect(sectorOrNone(null)).toBe('none');
  });
});
