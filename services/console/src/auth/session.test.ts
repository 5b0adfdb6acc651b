import { describe, expect, it } from 'vitest';
import { TokenError, readToken } from './session';

const encode = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
const tokenWith = (claims: object) => `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}.signature`;
const inAnHour = Math.floor(Date.now() / 1000) + 3600;

describe('readToken', () => {
  it('reads role, cities and subject', () => {
    const session = readToken(tokenWith({ sub: 'op-1', role: 'city_operator', cities: ['c1'], exp: inAnHour }));
    expect(session).toMatchObject({ subject: 'op-1', role: 'city_operator', cities: ['c1'], expiresAt: inAnHour });
  });

  it('ignores cities on network-wide roles, as the API does', () => {
    expect(readToken(tokenWith({ sub: 'a', role: 'analyst', cities: ['c1'], exp: inAnHour })).cities).toEqual([]);
  });

  it('refuses what is not a console token', () => {
    expect(() => readToken('not-a-token')).toThrow(TokenError);
    expect(() => readToken(tokenWith({ sub: 's', role: 'service', exp: inAnHour }))).toThrow(/no console role/);
    expect(() => readToken(tokenWith({ sub: 's', role: 'city_operator', exp: inAnHour }))).toThrow(/names no city/);
    expect(() => readToken(tokenWith({ sub: 's', role: 'analyst', exp: 1000 }))).toThrow(/expired/);
  });
});
