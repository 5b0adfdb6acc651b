// What the platform does to every request of every service before a handler runs, probed over HTTP on a
// minimal service: hostile bodies are refused with a problem document, never a 500 (issue 18).
import 'reflect-metadata';
import { Body, Controller, type INestApplication, Module, Post } from '@nestjs/common';
import { IsObject, IsOptional, IsString } from 'class-validator';
import { signToken } from '@crosswalk/auth';
import { PlatformModule, createServiceApp } from '../src';

const SECRET = 'y'.repeat(32);

class NoteRequest {
  @IsString() title!: string;
  @IsOptional() @IsObject() attributes?: Record<string, unknown>;
}

@Controller('v1/notes')
class NotesController {
  @Post()
  create(@Body() body: NoteRequest): { title: string } {
    return { title: body.title };
  }
}

@Module({ imports: [PlatformModule.forService({ name: 'hardening-test' })], controllers: [NotesController] })
class HardeningTestModule {}

/** `{"title":"t","attributes":{"a":{"a":...}}}` with `levels` objects in all. */
function nestedBody(levels: number): string {
  return `{"title":"t","attributes":${'{"a":'.repeat(levels - 2)}{}${'}'.repeat(levels - 2)}}`;
}

describe('request hardening (every service, through libs/platform)', () => {
  const saved = { ...process.env };
  let app: INestApplication;
  let url: string;
  const token = signToken({ subject: 'admin', role: 'network_admin' }, { secret: SECRET, issuer: 'crosswalk', audience: 'crosswalk-api' });

  const post = async (body: string) => {
    const response = await fetch(`${url}/v1/notes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    Object.assign(process.env, { JWT_SECRET: SECRET, KAFKA_BROKERS: '127.0.0.1:9', LOG_LEVEL: 'silent' });
    app = await createServiceApp({ name: 'hardening-test', module: HardeningTestModule, defaultPort: 0 });
    await app.listen(0, '127.0.0.1');
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });

  afterAll(async () => {
    await app?.close();
    process.env = saved;
  });

  it('refuses a body nested 20,000 levels deep with 400 body_too_deep, before validation', async () => {
    // Arrays keep 20,000 levels within the 100 kB JSON limit; objects 10,000 levels deep take 50 kB.
    const arrays = await post(`{"title":"t","attributes":{"list":${'['.repeat(20_000)}${']'.repeat(20_000)}}}`);
    expect(arrays).toEqual({
      status: 400,
      body: expect.objectContaining({ code: 'body_too_deep', status: 400, detail: 'The JSON body nests more than 32 levels' }),
    });
    expect((await post(nestedBody(10_000))).body).toMatchObject({ status: 400, code: 'body_too_deep' });
  });

  it('lets a body at the limit through to validation and the handler', async () => {
    expect(await post(nestedBody(32))).toEqual({ status: 201, body: { title: 't' } });
    expect((await post(nestedBody(33))).body).toMatchObject({ code: 'body_too_deep' });
  });

  describe('security headers', () => {
    const expectSecurityHeaders = (response: Response) => {
      expect(response.headers.get('x-powered-by')).toBeNull();
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      // Plain HTTP: no HSTS (it is sent only over TLS).
      expect(response.headers.get('strict-transport-security')).toBeNull();
    };

    it('are on every answer (success, problem, public route) and X-Powered-By is gone', async () => {
      const created = await fetch(`${url}/v1/notes`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: '{"title":"t"}',
      });
      expect(created.status).toBe(201);
      expectSecurityHeaders(created);
      const refused = await fetch(`${url}/v1/notes`, { method: 'POST' });
      expect(refused.status).toBe(401);
      expectSecurityHeaders(refused);
      expectSecurityHeaders(await fetch(`${url}/health/live`));
    });

    it('let /docs load: every script, stylesheet and image it references is same-origin and answers 200 under the CSP', async () => {
      const page = await fetch(`${url}/docs`);
      expect(page.status).toBe(200);
      expectSecurityHeaders(page);
      const policy = directives(page.headers.get('content-security-policy') ?? '');
      const html = await page.text();
      const references = [...html.matchAll(/<(script|link)\b[^>]*\b(src|href)="([^"]+)"/g)].map(([, tag, , ref]) => ({ tag, ref }));
      expect(references.filter((r) => r.tag === 'script').length).toBeGreaterThanOrEqual(3);
      for (const { ref } of references) {
        const target = new URL(ref, page.url);
        // 'self' covers only the page's own origin: nothing may come from elsewhere.
        expect(target.origin).toBe(new URL(url).origin);
        expect((await fetch(target)).status).toBe(200);
      }
      // Inline scripts would be blocked by script-src 'self'; the page must have none.
      expect([...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>/g)]).toEqual([]);
      expect(policy['script-src']).toEqual(["'self'"]);
      // The page has inline <style> blocks and data: images (Swagger UI's CSS); the policy must allow them.
      expect(/<style\b/.test(html)).toBe(true);
      expect(policy['style-src']).toEqual(expect.arrayContaining(["'self'", "'unsafe-inline'"]));
      expect(policy['img-src']).toEqual(expect.arrayContaining(["'self'", 'data:']));
      // Swagger UI fetches the document from /docs/json: same origin, allowed by connect-src.
      expect(policy['connect-src']).toEqual(["'self'"]);
      expect((await fetch(`${url}/docs/json`)).status).toBe(200);
    });
  });
});

/** `default-src 'self'; img-src 'self' data:` as `{ 'default-src': ["'self'"], 'img-src': ["'self'", 'data:'] }`. */
function directives(policy: string): Record<string, string[]> {
  return Object.fromEntries(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name, values]),
  );
}
