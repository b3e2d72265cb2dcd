// The worker's choice of e-mail notices: on with an address, or off. The e-mail itself only says
// that something waits in Spolu (see services/inbox/src/domain/mail.ts).
import { dataOf } from '@spolu/client';
import { inbox } from '@spolu/contracts';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useApp, useLoad } from '../../../api/context';
import { useT } from '../../../i18n/locale';
import { Field, ProblemAlert, SubmitButton, useSubmit } from '../../../ui/form';
import { Await } from '../../../ui/page';
import { inboxKeys } from './queries';

const PreferenceForm = ({ initial }: { initial: inbox.InboxPreferences }) => {
  const t = useT();
  const { api } = useApp();
  const [on, setOn] = useState(initial.emailNotices);
  const [email, setEmail] = useState(initial.email ?? '');
  const { submit, errors, problem, saving } = useSubmit(
    inbox.InboxPreferences,
    async (body) => dataOf(await api.PUT('/inbox/preferences', { body })),
    { confirm: t('inbox.mail.saved') },
  );
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit({ emailNotices: on, ...(email.trim() ? { email: email.trim() } : {}) });
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <ProblemAlert error={problem} />
      <div className="field">
        <label>
          <input type="checkbox" checked={on} onChange={(e) => setOn(e.target.checked)} />{' '}
          {t('inbox.mail.on')}
        </label>
      </div>
      <Field label={t('inbox.mail.address')} error={errors.email}>
        {(p) => (
          <input
            {...p}
            type="email"
            autoComplete="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        )}
      </Field>
      <SubmitButton saving={saving} label={t('app.save')} />
    </form>
  );
};

export const MailPreference = () => {
  const t = useT();
  const prefs = useLoad((api) => api.GET('/inbox/preferences').then(dataOf), [], inboxKeys.preferences);
  return (
    <section aria-labelledby="inbox-mail">
      <h2 id="inbox-mail">{t('inbox.mail.title')}</h2>
      <p className="hint">{t('inbox.mail.hint')}</p>
      <Await loaded={prefs}>{(data) => <PreferenceForm initial={data} />}</Await>
    </section>
  );
};
