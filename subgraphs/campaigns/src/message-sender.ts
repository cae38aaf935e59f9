// The delivery port: how campaigns hands a message to the outside world. An SMTP adapter for real
// mail servers (nodemailer), and by default a development sink that writes each message as an .eml
// file, so `npm start` delivers without a mail server and a developer can open what was sent.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';

/** One message ready to go: the rendered text and the address it goes to. */
export interface OutgoingMessage {
  /** The queued message's id; it becomes the Message-ID's local part, so a copy can be matched to its row. */
  id: string;
  to: string;
  subject: string;
  text: string;
}

/** What the mail server (or sink) said; `reference` is the Message-ID or file written. */
export interface SentReceipt {
  reference: string;
}

/** Why a delivery failed; `permanent` failures (the server refused the recipient or the message) are not retried. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

export interface MessageSender {
  readonly kind: 'smtp' | 'eml';
  /** Delivers one message or throws (a DeliveryError says whether a retry can help). */
  send(message: OutgoingMessage): Promise<SentReceipt>;
  close(): Promise<void>;
}

/** Where messages go: an SMTP server, or .eml files in a folder (the default for development). */
export type MessageTransportSettings =
  | { kind: 'smtp'; url: string; from: string }
  | { kind: 'eml'; dir: string; from: string };

const MESSAGE_ID_DOMAIN = 'mesh360.local';

function mail(from: string, message: OutgoingMessage) {
  return {
    from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    messageId: `<${message.id}@${MESSAGE_ID_DOMAIN}>`,
  };
}

/** Sends through an SMTP server given by a URL such as smtp://user:pass@mail.example.com:587 (smtps:// for TLS). */
export function smtpSender(settings: { url: string; from: string }): MessageSender {
  const transport = nodemailer.createTransport(settings.url);
  return {
    kind: 'smtp',
    async send(message) {
      let info: { messageId: string; rejected?: unknown[] };
      try {
        info = await transport.sendMail(mail(settings.from, message));
      } catch (error) {
        const responseCode = (error as { responseCode?: number }).responseCode;
        // 5xx: the server refused for good (unknown mailbox, policy); 4xx and network errors may pass later.
        throw new DeliveryError(
          `SMTP: ${(error as Error).message}`,
          typeof responseCode === 'number' && responseCode >= 500,
        );
      }
      if (info.rejected && info.rejected.length > 0) throw new DeliveryError('SMTP: the recipient was rejected', true);
      return { reference: info.messageId };
    },
    async close() {
      transport.close();
    },
  };
}

/** Writes each message as `<message id>.eml` in `dir` (created on first use): the development sink. */
export function emlFileSender(settings: { dir: string; from: string }): MessageSender {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    kind: 'eml',
    async send(message) {
      const info = await transport.sendMail(mail(settings.from, message));
      const file = path.join(settings.dir, `${message.id}.eml`);
      try {
        await mkdir(settings.dir, { recursive: true });
        await writeFile(file, info.message as Buffer);
      } catch (error) {
        throw new DeliveryError(`cannot write ${file}: ${(error as Error).message}`, false);
      }
      return { reference: file };
    },
    async close() {
      transport.close();
    },
  };
}

export function createMessageSender(settings: MessageTransportSettings): MessageSender {
  return settings.kind === 'smtp' ? smtpSender(settings) : emlFileSender(settings);
}
