import { clientResponseHeaders, upstreamRequestHeaders } from './headers';

const facts = { requestId: 'req-1', correlationId: 'corr-1', clientIp: '10.0.0.9', protocol: 'http' };

describe('upstreamRequestHeaders', () => {
  it('keeps end-to-end headers, including Authorization', () => {
    const out = upstreamRequestHeaders(
      { authorization: 'Bearer abc', 'content-type': 'application/json', 'content-length': '12', accept: 'text/csv', host: 'api.example' },
      facts,
    );
    expect(out).toMatchObject({ authorization: 'Bearer abc', 'content-type': 'application/json', 'content-length': '12', accept: 'text/csv' });
  });

  it('drops hop-by-hop headers, those named in Connection, Host and Expect', () => {
    const out = upstreamRequestHeaders(
      {
        connection: 'keep-alive, X-Hop',
        'keep-alive': 'timeout=5',
        'x-hop': 'secret',
        'proxy-authorization': 'Basic x',
        te: 'trailers',
        upgrade: 'websocket',
        expect: '100-continue',
        host: 'api.example',
        'x-kept': 'yes',
      },
      facts,
    );
    expect(Object.keys(out).sort()).toEqual(['x-correlation-id', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-kept', 'x-request-id'].sort());
  });

  it('sends the request and correlation ids of the request context', () => {
    const out = upstreamRequestHeaders({ 'x-request-id': 'bad id with spaces', 'x-correlation-id': 'c' }, facts);
    expect(out['x-request-id']).toBe('req-1');
    expect(out['x-correlation-id']).toBe('corr-1');
  });

  it('appends the client to X-Forwarded-For and keeps the original host and protocol', () => {
    const out = upstreamRequestHeaders({ host: 'api.example', 'x-forwarded-for': '1.2.3.4', 'x-forwarded-proto': 'https' }, facts);
    expect(out['x-forwarded-for']).toBe('1.2.3.4, 10.0.0.9');
    expect(out['x-forwarded-proto']).toBe('https');
    expect(out['x-forwarded-host']).toBe('api.example');
  });

  it('keeps a body of unknown length chunked', () => {
    expect(upstreamRequestHeaders({ 'transfer-encoding': 'chunked' }, facts)['transfer-encoding']).toBe('chunked');
    expect(upstreamRequestHeaders({ 'content-length': '3' }, facts)['transfer-encoding']).toBeUndefined();
  });
});

describe('clientResponseHeaders', () => {
  it("drops an upstream's X-Powered-By", () => {
    expect(clientResponseHeaders({ 'content-type': 'application/json', 'x-powered-by': 'Express' })).toEqual({ 'content-type': 'application/json' });
  });

  it('passes the answer through without connection headers', () => {
    const out = clientResponseHeaders({
      'content-type': 'text/csv',
      'set-cookie': ['a=1', 'b=2'],
      connection: 'close',
      'transfer-encoding': 'chunked',
      'keep-alive': 'timeout=5',
      location: '/v1/schools/1',
    });
    expect(out).toEqual({ 'content-type': 'text/csv', 'set-cookie': ['a=1', 'b=2'], location: '/v1/schools/1' });
  });
});
