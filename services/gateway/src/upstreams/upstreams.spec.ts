import { fetchFailure, upstreamUrl } from './upstreams';

describe('upstreamUrl', () => {
  it('appends path and query to the service URL as sent', () => {
    expect(upstreamUrl(new URL('http://127.0.0.1:3001'), '/v1/schools?cityId=c%201&a=b').href).toBe('http://127.0.0.1:3001/v1/schools?cityId=c%201&a=b');
  });

  it('keeps a base path and never turns the path into a host', () => {
    expect(upstreamUrl(new URL('http://schools:3001/api/'), '/v1/schools').href).toBe('http://schools:3001/api/v1/schools');
    expect(upstreamUrl(new URL('http://schools:3001'), '//evil.example/v1').host).toBe('schools:3001');
  });
});

describe('fetchFailure', () => {
  it('names the socket error hidden in the cause, or a time-out', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(fetchFailure(new TypeError('fetch failed', { cause: refused }))).toBe('ECONNREFUSED');
    expect(fetchFailure(new DOMException('The operation was aborted due to timeout', 'TimeoutError'))).toBe('timed out');
  });
});
