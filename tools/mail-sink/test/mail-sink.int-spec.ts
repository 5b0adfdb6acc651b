// The sink `npm start` and the mail tests rely on, against nodemailer over real SMTP on loopback.
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer, { type NodemailerError } from 'nodemailer';
import { MailSink } from '../src';

const transportTo = (sink: MailSink) => nodemailer.createTransport({ host: sink.host, port: sink.port, ignoreTLS: true, connectionTimeout: 5000 });
const message = (to: string, subject: string) => ({ from: 'events@crosswalk.test', to, subject, text: `About ${subject}` });

describe('the mail sink', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mail-sink-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps every message with its envelope, and stores each as one .eml file in arrival order', async () => {
    const seen: string[] = [];
    const sink = await MailSink.start({ dir: join(dir, 'mail'), onMessage: (mail) => seen.push(mail.to.join()) });
    try {
      const transport = transportTo(sink);
      await transport.sendMail(message('ana@example.org', 'first'));
      await transport.sendMail(message('ben@example.org', 'second'));
      expect(sink.messages.map((m) => [m.from, m.to])).toEqual([
        ['events@crosswalk.test', ['ana@example.org']],
        ['events@crosswalk.test', ['ben@example.org']],
      ]);
      expect(seen).toEqual(['ana@example.org', 'ben@example.org']);
      expect(sink.messagesTo('BEN@example.org')).toHaveLength(1);
      const files = (await readdir(join(dir, 'mail'))).sort();
      expect(files).toHaveLength(2);
      expect(files.every((f) => f.endsWith('.eml'))).toBe(true);
      const first = await readFile(join(dir, 'mail', files[0]), 'utf8');
      expect(first).toContain('Subject: first');
      expect(first).toBe(sink.messages[0].raw);
      expect(sink.messages[0].file).toBe(join(dir, 'mail', files[0]));
    } finally {
      await sink.stop();
    }
  });

  it('refuses every message with the SMTP reply it is given until told to accept again', async () => {
    const sink = await MailSink.start();
    try {
      const transport = transportTo(sink);
      sink.refuse({ code: 451, message: 'Try again later' });
      const temporary = (await transport.sendMail(message('ana@example.org', 'busy')).catch((e: unknown) => e)) as NodemailerError;
      expect(temporary.responseCode).toBe(451);
      expect(temporary.permanent).toBe(false);
      sink.refuse({ code: 550, message: 'No such mailbox' });
      const permanent = (await transport.sendMail(message('ana@example.org', 'gone')).catch((e: unknown) => e)) as NodemailerError;
      expect(permanent.responseCode).toBe(550);
      expect(permanent.permanent).toBe(true);
      expect(sink.messages).toHaveLength(0);
      sink.accept();
      await transport.sendMail(message('ana@example.org', 'back'));
      expect(sink.messages).toHaveLength(1);
    } finally {
      await sink.stop();
    }
  });

  it('can be stopped and started again on the same port, as a mail server that went down and came back', async () => {
    const first = await MailSink.start();
    const { port } = first;
    const transport = transportTo(first);
    await first.stop();
    const down = (await transport.sendMail(message('ana@example.org', 'down')).catch((e: unknown) => e)) as NodemailerError;
    expect(down.code).toBe('ESOCKET');
    const again = await MailSink.start({ port });
    try {
      await transport.sendMail(message('ana@example.org', 'up'));
      expect(again.messages).toHaveLength(1);
    } finally {
      await again.stop();
    }
  });
});
