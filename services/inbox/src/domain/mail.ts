// The e-mail notice: whether to send it, and its words. It says only that something is waiting in
// Spolu, never which client or what (an e-mail leaves the platform and its protections); the
// worker reads the notices after signing in.
import type { inbox } from '@spolu/contracts';

/** Notices arriving within this long of each other make one e-mail, and a worker who is in the
 * console (its badge asks every half minute) sees them there within it: no e-mail then. */
export const mailGraceMs = 2 * 60_000;

/** One e-mail waiting per worker: when the first unmailed notice arrived, and what kinds came. */
export interface MailDue {
  tenantId: string;
  userId: string;
  email: string;
  since: string;
  kinds: inbox.NoticeKind[];
}

export type MailDecision = 'send' | 'seen' | 'wait';

/** Send once the grace has passed, unless the worker was in the console after the first notice
 * came (they saw the badge). */
export const decideMail = (due: MailDue, lastSeenAt: string | undefined, now: Date): MailDecision => {
  if (lastSeenAt && lastSeenAt >= due.since) return 'seen';
  return now.getTime() - Date.parse(due.since) >= mailGraceMs ? 'send' : 'wait';
};

/** The next waiting e-mail after one more notice: the first unseen notice's time stays, but what
 * waited from before the worker was last in the console was seen, so a new e-mail starts here. */
export const withNotice = (
  due: MailDue | undefined,
  next: Omit<MailDue, 'kinds'> & { kind: inbox.NoticeKind },
  lastSeenAt?: string,
): MailDue => {
  const open = due && !(lastSeenAt && lastSeenAt >= due.since) ? due : undefined;
  return {
    tenantId: next.tenantId,
    userId: next.userId,
    email: next.email,
    since: open?.since ?? next.since,
    kinds: [...new Set([...(open?.kinds ?? []), next.kind])],
  };
};

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** The e-mail in Czech: "Máte nové doporučení" when a referral came, else new notices in general. */
export const noticeMail = (due: MailDue, consoleUrl: string): MailMessage => {
  const referral = due.kinds.includes('referral-received');
  const subject = referral ? 'Spolu: Máte nové doporučení' : 'Spolu: Máte nová upozornění';
  const link = `${consoleUrl.replace(/\/+$/, '')}/#/inbox`;
  return {
    to: due.email,
    subject,
    text: [
      'Dobrý den,',
      '',
      referral
        ? 've Spolu na vás čeká nové doporučení klienta a případně další upozornění.'
        : 've Spolu na vás čekají nová upozornění.',
      `Přečtete si je po přihlášení: ${link}`,
      '',
      'Tento e-mail záměrně neobsahuje žádné údaje o klientech.',
      'Upozornění e-mailem vypnete v konzoli na stránce Upozornění.',
      '',
      '— Spolu',
    ].join('\n'),
  };
};
