import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type NodemailerError, type Transporter } from 'nodemailer';
import { PLATFORM_CONFIG } from '@crosswalk/platform';
import type { EventsConfig } from '../events.config';
import type { SendFailure } from './notification.rules';

export interface OutgoingMail {
  /** The notification's id: also the Message-ID, so a message sent twice (at least once) reads as one. */
  id: string;
  to: string;
  subject: string;
  text: string;
}

export type SendResult = { ok: true } | { ok: false; failure: SendFailure };

// Bounded waits: a mail server that hangs fails the send (and it is tried again) instead of holding a delivery
// run, and the whole send stays well inside the run's lease on the notification (SEND_LEASE_MS).
const CONNECTION_TIMEOUT_MS = 10_000;
const GREETING_TIMEOUT_MS = 10_000;
const SOCKET_TIMEOUT_MS = 30_000;

/** Notifications out through SMTP (nodemailer), to the server of EVENTS_SMTP_*. One connection per message. */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly transport: Transporter;
  private readonly messageIdDomain: string;

  constructor(@Inject(PLATFORM_CONFIG) config: EventsConfig) {
    const security = config.EVENTS_SMTP_SECURITY;
    this.transport = nodemailer.createTransport(
      {
        host: config.EVENTS_SMTP_HOST,
        port: config.EVENTS_SMTP_PORT,
        secure: security === 'tls',
        requireTLS: security === 'starttls',
        ignoreTLS: security === 'none',
        auth: config.EVENTS_SMTP_USER ? { user: config.EVENTS_SMTP_USER, pass: config.EVENTS_SMTP_PASSWORD ?? '' } : undefined,
        connectionTimeout: CONNECTION_TIMEOUT_MS,
        greetingTimeout: GREETING_TIMEOUT_MS,
        socketTimeout: SOCKET_TIMEOUT_MS,
      },
      { from: config.EVENTS_MAIL_FROM },
    );
    this.messageIdDomain = /@([^>\s]+)>?\s*$/.exec(config.EVENTS_MAIL_FROM)?.[1] ?? 'crosswalk.localhost';
  }

  async send(mail: OutgoingMail): Promise<SendResult> {
    try {
      await this.transport.sendMail({
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        messageId: `<${mail.id}@${this.messageIdDomain}>`,
        headers: { 'X-Crosswalk-Notification': mail.id },
      });
      return { ok: true };
    } catch (error) {
      const nodemailerError = error as Partial<NodemailerError>;
      return { ok: false, failure: { message: error instanceof Error ? error.message : String(error), permanent: nodemailerError.permanent === true } };
    }
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
