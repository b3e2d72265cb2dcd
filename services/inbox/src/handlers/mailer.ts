// Scheduled (every minute): the e-mail notices that are due. A worker gets one e-mail for the
// notices that arrived while they were not in the console, saying only that something waits.
// At least once: the marker is removed after the send, so a run that dies between the two sends
// that e-mail again on the next run (a duplicate "you have news" is harmless; a lost one is not).
import type { RuntimeEnv } from '@spolu/platform';
import { createLogger, lambdaEntry } from '@spolu/platform';
import { decideMail, noticeMail } from '../domain/mail';
import { createStore } from '../store';
import { mailSender, mailSettings } from './mail-transport';

export const sendDueMail = async (env: RuntimeEnv) => {
  const store = createStore(env);
  const settings = mailSettings(env);
  const send = mailSender(settings);
  const log = createLogger('inbox-mailer');
  const now = env.now();
  let sent = 0;
  let seen = 0;
  let cursor: string | undefined;
  do {
    const page = await store.mailsDue(50, cursor);
    for (const due of page.items) {
      const decision = decideMail(due, await store.lastSeenAt(due.tenantId, due.userId), now);
      if (decision === 'wait') continue;
      if (decision === 'send') {
        if (!send) {
          log.warn('e-mail notices are off in this runtime (MAIL_TRANSPORT); notice not mailed');
        } else {
          await send(noticeMail(due, settings.consoleUrl));
          sent += 1;
        }
      } else seen += 1;
      await store.deleteMailDue(due);
    }
    cursor = page.nextCursor;
  } while (cursor);
  return { sent, seen };
};

export const handler = lambdaEntry('inbox', (env) => () => sendDueMail(env));
