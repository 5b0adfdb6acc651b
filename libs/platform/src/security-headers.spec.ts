import type { Request, Response } from 'express';
import { hstsOverTls } from './security-headers';

function answer(secure: boolean): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = { setHeader: (name: string, value: string) => (headers[name.toLowerCase()] = value) } as unknown as Response;
  let passed = false;
  hstsOverTls()({ secure } as Request, response, () => (passed = true));
  expect(passed).toBe(true);
  return headers;
}

describe('hstsOverTls', () => {
  it('sends Strict-Transport-Security for a request that came over TLS', () => {
    expect(answer(true)).toEqual({ 'strict-transport-security': 'max-age=31536000; includeSubDomains' });
  });

  it('sends nothing over plain HTTP', () => {
    expect(answer(false)).toEqual({});
  });
});
