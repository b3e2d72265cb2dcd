// The local stand-in for Amazon SES: an SMTP server (Nodemailer's smtp-server) that keeps every
// message it is sent, parsed (mailparser), in memory. The inbox's mailer sends to it under
// `npm start` and in tests exactly as it sends through SES in AWS; `GET /dev/mail` on the gateway
// lists what arrived, so a developer or a browser test reads the e-mail a worker would get. It
// exists only locally.
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { ExtraHandler } from './gateway';

export interface CaughtMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  receivedAt: string;
}

export interface MailCatcher {
  /** SMTP_URL for the mailer, e.g. smtp://127.0.0.1:2525 */
  url: string;
  messages: () => readonly CaughtMail[];
  http: ExtraHandler;
  stop: () => Promise<void>;
}

const addressesOf = (
  value: { value: { address?: string }[] } | { value: { address?: string }[] }[] | undefined,
) =>
  (Array.isArray(value) ? value : value ? [value] : []).flatMap((v) => v.value.map((a) => a.address ?? ''));

export const startMailCatcher = async (port = 0): Promise<MailCatcher> => {
  const caught: CaughtMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          caught.push({
            from: addressesOf(mail.from)[0] ?? '',
            to: addressesOf(mail.to),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            receivedAt: new Date().toISOString(),
          });
          callback();
        },
        (err: Error) => callback(err),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: bound } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${bound}`,
    messages: () => caught,
    http: async (req: IncomingMessage, res: ServerResponse) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (req.method !== 'GET' || url.pathname !== '/dev/mail') return false;
      const to = url.searchParams.get('to');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ items: caught.filter((m) => !to || m.to.includes(to)) }, null, 2));
      return true;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

/** The settings that point a runtime's mailer at the catcher. */
export const mailSettingsFor = (catcher: MailCatcher, consoleUrl: string) => ({
  MAIL_TRANSPORT: 'smtp',
  SMTP_URL: catcher.url,
  MAIL_FROM: 'Spolu <noreply@spolu.local>',
  CONSOLE_URL: consoleUrl,
});
