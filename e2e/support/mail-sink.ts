import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * Local receivers for delivery tests: a real SMTP server (smtp-server, plain SMTP on 127.0.0.1,
 * no STARTTLS) that keeps every message, and an HTTP server standing in for an SMS webhook. Test
 * helpers, not tests.
 */

export type TReceivedMail = { from: string; to: string[]; raw: string };

export async function startSmtpSink(): Promise<{ url: string; port: number; mails: TReceivedMail[]; close: () => Promise<void> }> {
  const mails: TReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      stream.on('end', () => {
        mails.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, port, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export type TWebhookCall = { headers: http.IncomingHttpHeaders; body: string };

/** An SMS webhook: answers `status` (200 unless set) and keeps every call. */
export async function startWebhookSink(): Promise<{ url: string; calls: TWebhookCall[]; setStatus: (s: number) => void; close: () => Promise<void> }> {
  const calls: TWebhookCall[] = [];
  let status = 200;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      calls.push({ headers: req.headers, body });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://localhost:${port}/sms`,
    calls,
    setStatus: (s) => (status = s),
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** The 6-digit code in a message text: "… code is 123456." (email) or "123456 is your …" (SMS). */
export function codeIn(text: string): string {
  const m = /(?:code is |^)(\d{6})\b/m.exec(text);
  if (!m) throw new Error(`no code in: ${text.slice(0, 200)}`);
  return m[1]!;
}
