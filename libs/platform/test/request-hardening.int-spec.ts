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
});
