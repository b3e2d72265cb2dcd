// How an e-mail leaves: Amazon SES in AWS (nodemailer's SES transport over the SESv2 API; the
// function's role may send only from the region's identity), SMTP to a local catcher under
// `npm start` and in tests (packages/local/src/mail-catcher.ts), so the browser test reads the
// very message a worker would get. nodemailer writes the MIME (Czech subjects need encoded
// headers), which is not worth writing by hand.
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { RuntimeEnv } from '@spolu/platform';
import type { Transporter } from 'nodemailer';
import { createTransport } from 'nodemailer';
import type { MailMessage } from '../domain/mail';

export interface MailSettings {
  transport: 'ses' | 'smtp' | 'off';
  from: string;
  consoleUrl: string;
  smtpUrl?: string;
}

/** MAIL_TRANSPORT (ses | smtp | off), MAIL_FROM, CONSOLE_URL and SMTP_URL from the function's
 * settings; without MAIL_TRANSPORT nothing is sent (a runtime with no mail set up). */
export const mailSettings = (env: RuntimeEnv): MailSettings => {
  const s = env.settings;
  const transport = s.MAIL_TRANSPORT === 'ses' || s.MAIL_TRANSPORT === 'smtp' ? s.MAIL_TRANSPORT : 'off';
  return {
    transport,
    from: s.MAIL_FROM ?? 'Spolu <noreply@spolu.invalid>',
    consoleUrl: s.CONSOLE_URL ?? 'http://localhost:3000',
    ...(s.SMTP_URL ? { smtpUrl: s.SMTP_URL } : {}),
  };
};

const transporterOf = (settings: MailSettings): Transporter | undefined => {
  if (settings.transport === 'ses')
    return createTransport({ SES: { sesClient: new SESv2Client({}), SendEmailCommand } });
  if (settings.transport === 'smtp' && settings.smtpUrl) return createTransport(settings.smtpUrl);
  return undefined;
};

export type SendMail = (message: MailMessage) => Promise<void>;

/** A sender for the settings, or undefined when e-mail is off. */
export const mailSender = (settings: MailSettings): SendMail | undefined => {
  const transporter = transporterOf(settings);
  if (!transporter) return undefined;
  return async (message) => {
    await transporter.sendMail({ from: settings.from, ...message });
  };
};
