import fs from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

/** One message the sink accepted, as it came over the wire. */
export interface ReceivedMail {
  /** The envelope sender (MAIL FROM). */
  from: string | null;
  /** The envelope recipients (RCPT TO). */
  to: string[];
  /** The whole message: headers and body, as the client sent them. */
  raw: string;
  receivedAt: Date;
  /** Where it was stored, when the sink stores messages. */
  file: string | null;
}

export interface MailSinkOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: any free port (read it from `port`). */
  port?: number;
  /** Stores each message there as one `.eml` file; omitted: kept in memory only. */
  dir?: string;
  /** Called with each message once it is kept. */
  onMessage?: (mail: ReceivedMail) => void;
}

/** An SMTP reply the sink answers every message with instead of accepting it. */
export interface Refusal {
  /** 4xx: try again later; 5xx: never. */
  code: number;
  message: string;
}

/**
 * A local SMTP server that accepts every message and keeps it, for `npm start` (messages under `.data/mail/`) and
 * for tests that exchange real SMTP with the code that sends mail. No TLS and any login: it listens on loopback
 * only. `refuse()` makes it answer every message with an SMTP error, as a mail server that is down for
 * maintenance or over quota would.
 */
export class MailSink {
  readonly messages: ReceivedMail[] = [];
  private refusal: Refusal | null = null;
  private sequence = 0;

  private constructor(
    private readonly server: SMTPServer,
    readonly host: string,
    readonly port: number,
    private readonly dir: string | undefined,
    private readonly onMessage: ((mail: ReceivedMail) => void) | undefined,
  ) {}

  static async start(options: MailSinkOptions = {}): Promise<MailSink> {
    const host = options.host ?? '127.0.0.1';
    if (options.dir) await fs.mkdir(options.dir, { recursive: true });
    const holder: { sink?: MailSink } = {};
    const server = new SMTPServer({
      logger: false,
      // Loopback only, and nothing to protect: no certificate to offer, and any login is accepted.
      disabledCommands: ['STARTTLS'],
      authOptional: true,
      allowInsecureAuth: true,
      onAuth: (auth, _session, callback) => callback(null, { user: auth.username ?? 'anonymous' }),
      onMailFrom: (_address, _session, callback) => callback(holder.sink?.refusalError() ?? null),
      onData: (stream, session, callback) => {
        const sink = holder.sink;
        if (!sink) return callback(new Error('mail sink is not ready'));
        sink.receive(stream, session).then(
          () => callback(),
          (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
        );
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    // A failing connection is the client's business; the sink keeps serving the others.
    server.on('error', () => undefined);
    const { port } = server.server.address() as AddressInfo;
    holder.sink = new MailSink(server, host, port, options.dir, options.onMessage);
    return holder.sink;
  }

  /** From now on every message is answered with this SMTP error (e.g. 451 for a temporary failure). */
  refuse(refusal: Refusal): void {
    this.refusal = refusal;
  }

  /** Accept messages again. */
  accept(): void {
    this.refusal = null;
  }

  /** Messages to `address` (an envelope recipient), oldest first. */
  messagesTo(address: string): ReceivedMail[] {
    const wanted = address.toLowerCase();
    return this.messages.filter((m) => m.to.some((to) => to.toLowerCase() === wanted));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private refusalError(): Error | null {
    if (!this.refusal) return null;
    return Object.assign(new Error(this.refusal.message), { responseCode: this.refusal.code });
  }

  private async receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const receivedAt = new Date();
    const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : null;
    const to = session.envelope.rcptTo.map((r) => r.address);
    let file: string | null = null;
    if (this.dir) {
      this.sequence += 1;
      // Sortable by arrival; the sequence keeps two messages of one millisecond apart.
      file = path.join(this.dir, `${receivedAt.toISOString().replace(/[:.]/g, '-')}-${String(this.sequence).padStart(4, '0')}.eml`);
      await fs.writeFile(file, raw);
    }
    const mail = { from, to, raw, receivedAt, file };
    this.messages.push(mail);
    this.onMessage?.(mail);
  }
}
