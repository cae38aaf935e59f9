// The delivery port's adapters against real ends: a tiny SMTP server this test starts (smtp-server),
// and the .eml sink's files read back from disk.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactAddresses, renderReminder, retryDelayMs } from '../src/delivery.js';
import { DeliveryError, emlFileSender, smtpSender } from '../src/message-sender.js';
import { loadCampaignsSettings } from '../src/settings.js';

const FROM = 'Shop <no-reply@shop.example>';
const message = {
  id: '6f1c2a7e-0000-4000-8000-000000000001',
  to: 'ada@example.com',
  subject: 'You left something in your cart',
  text: 'Your cart is waiting for you:\n  2 x SKU-1\n\nUse code CART-ABCDEF1234 for 10% off.',
};

interface Received {
  from: string | undefined;
  to: string[];
  data: string;
}

/** An SMTP server on a free port; recipients at refused.example get `refuse`'s answer. */
async function startSmtp(refuse: { code: number; text: string }) {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.endsWith('@refused.example')) {
        const error = new Error(refuse.text) as Error & { responseCode: number };
        error.responseCode = refuse.code;
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          data: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { received, port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('the SMTP adapter', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let tempSmtp: Awaited<ReturnType<typeof startSmtp>>;
  beforeAll(async () => {
    smtp = await startSmtp({ code: 550, text: 'no such mailbox' });
    tempSmtp = await startSmtp({ code: 451, text: 'try again later' });
  });
  afterAll(async () => {
    await smtp?.close();
    await tempSmtp?.close();
  });

  it('hands the message to the server with its envelope, headers and text', async () => {
    const sender = smtpSender({ url: `smtp://127.0.0.1:${smtp.port}`, from: FROM });
    try {
      const receipt = await sender.send(message);
      expect(receipt.reference).toBe(`<${message.id}@mesh360.local>`);
    } finally {
      await sender.close();
    }
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail.from).toBe('no-reply@shop.example');
    expect(mail.to).toEqual(['ada@example.com']);
    expect(mail.data).toMatch(/^Subject: You left something in your cart$/m);
    expect(mail.data).toMatch(/^To: ada@example.com$/m);
    expect(mail.data).toMatch(new RegExp(`^Message-ID: <${message.id}@mesh360.local>$`, 'm'));
    expect(mail.data).toContain('Use code CART-ABCDEF1234 for 10% off.');
  });

  it('reports a refused recipient (5xx) as permanent and a temporary refusal (4xx) as retryable', async () => {
    const sender = smtpSender({ url: `smtp://127.0.0.1:${smtp.port}`, from: FROM });
    const temp = smtpSender({ url: `smtp://127.0.0.1:${tempSmtp.port}`, from: FROM });
    try {
      const refused = await sender.send({ ...message, to: 'nobody@refused.example' }).catch((error) => error);
      expect(refused).toBeInstanceOf(DeliveryError);
      expect(refused).toMatchObject({ permanent: true });
      expect(refused.message).toMatch(/no such mailbox/);
      const later = await temp.send({ ...message, to: 'busy@refused.example' }).catch((error) => error);
      expect(later).toBeInstanceOf(DeliveryError);
      expect(later).toMatchObject({ permanent: false });
    } finally {
      await sender.close();
      await temp.close();
    }
  });

  it('reports a server that does not answer as retryable', async () => {
    // A port nothing listens on: the server that was there is closed.
    const gone = await startSmtp({ code: 550, text: 'unused' });
    await gone.close();
    const sender = smtpSender({ url: `smtp://127.0.0.1:${gone.port}`, from: FROM });
    try {
      await expect(sender.send(message)).rejects.toMatchObject({ name: 'DeliveryError', permanent: false });
    } finally {
      await sender.close();
    }
  });
});

describe('the .eml development sink', () => {
  it('writes each message as <id>.eml, creating the folder, readable as a mail', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'mesh360-mail-'));
    const dir = path.join(root, 'mail');
    const sender = emlFileSender({ dir, from: FROM });
    try {
      const receipt = await sender.send(message);
      expect(receipt.reference).toBe(path.join(dir, `${message.id}.eml`));
      expect(await readdir(dir)).toEqual([`${message.id}.eml`]);
      const eml = await readFile(receipt.reference, 'utf8');
      expect(eml).toMatch(/^From: Shop <no-reply@shop.example>$/m);
      expect(eml).toMatch(/^To: ada@example.com$/m);
      expect(eml).toMatch(/^Subject: You left something in your cart$/m);
      expect(eml).toContain('2 x SKU-1');
    } finally {
      await sender.close();
      await rm(root, { recursive: true, force: true });
    }
  });

  it('reports a folder it cannot write as a retryable failure', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'mesh360-mail-'));
    const sender = emlFileSender({ dir: path.join(root, 'mail', '\0bad'), from: FROM });
    try {
      await expect(sender.send(message)).rejects.toMatchObject({ name: 'DeliveryError', permanent: false });
    } finally {
      await sender.close();
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('delivery settings and content', () => {
  it('uses the .eml sink under .data/mail unless SMTP_URL is set, and refuses a URL that is not SMTP', () => {
    expect(loadCampaignsSettings({}).delivery.transport).toEqual({
      kind: 'eml',
      dir: path.join('.data', 'mail'),
      from: 'mesh360 <no-reply@mesh360.local>',
    });
    expect(
      loadCampaignsSettings({ SMTP_URL: 'smtps://u:p@mail.example.com:465', SMTP_FROM: FROM }).delivery.transport,
    ).toEqual({ kind: 'smtp', url: 'smtps://u:p@mail.example.com:465', from: FROM });
    expect(loadCampaignsSettings({ CAMPAIGNS_DELIVERY_MAX_ATTEMPTS: '3' }).delivery.maxAttempts).toBe(3);
    expect(() =>
      loadCampaignsSettings({ SMTP_URL: 'http://mail.example.com', CAMPAIGNS_DELIVERY_MAX_ATTEMPTS: '0' }),
    ).toThrow(/SMTP_URL[\s\S]*CAMPAIGNS_DELIVERY_MAX_ATTEMPTS/);
  });

  it('backs off by doubling from the base, and keeps no address in an error it stores', () => {
    expect([1, 2, 3, 4].map((attempts) => retryDelayMs({ retryBaseMs: 60_000 }, attempts))).toEqual([
      60_000, 120_000, 240_000, 480_000,
    ]);
    expect(redactAddresses('SMTP: 550 5.1.1 <ada@example.com>: Recipient address rejected')).toBe(
      'SMTP: 550 5.1.1 <<address>>: Recipient address rejected',
    );
  });

  it('renders the items and the discount', () => {
    const rendered = renderReminder({
      items: [{ sku: 'SKU-1', quantity: 2 }],
      discount: { code: 'CART-1', percentOff: 10, validUntil: new Date('2026-12-06T10:00:00Z') },
    } as never);
    expect(rendered.text).toContain('2 x SKU-1');
    expect(rendered.text).toContain('Use code CART-1 for 10% off until 2026-12-06T10:00:00.000Z.');
  });
});
