import { redactUrlSecrets } from './logging';

describe('redactUrlSecrets', () => {
  const secret = 'Se_LDBXbmJ-ihuIXAxtvPQMPMzAv4KjHfFDWhZ_visg';
  const id = '01a236df-849c-7081-9d1c-e8ea038f1d13';

  it('hides a secret path segment, with or without an extension, and keeps the rest of the URL', () => {
    expect(redactUrlSecrets(`/v1/calendars/subscriptions/${secret}.ics`)).toBe('/v1/calendars/subscriptions/[redacted]');
    expect(redactUrlSecrets(`/v1/offers/${secret}.${secret}/accept?via=email`)).toBe('/v1/offers/[redacted]/accept?via=email');
  });

  it('keeps ids, ids with an extension, short segments and the query string as they are', () => {
    for (const url of [
      `/v1/events/${id}/registrations`,
      `/v1/calendars/cities/${id}.ics`,
      '/v1/schools/s1/leadership-history',
      `/v1/events?cursor=${secret}`,
    ]) {
      expect(redactUrlSecrets(url)).toBe(url);
    }
  });
});
