import type { FormEvent } from 'react';
import { useState } from 'react';
import { useApp, useLoad } from '../api/context';
import { useT } from '../i18n/locale';
import { Field, ProblemAlert, SubmitButton } from '../ui/form';
import { Await, Page } from '../ui/page';
import { sessionFromToken } from './session';

interface DevUser {
  key: string;
  name: string;
  email: string;
  roles: string[];
  providerName?: string;
}

/** Local runtime only: the seeded users of the dev issuer (never present in AWS). */
const DevSignIn = () => {
  const t = useT();
  const { api, signIn } = useApp();
  const users = useLoad((a) => a.get<{ items: DevUser[] }>('/dev/users'), []);
  const [user, setUser] = useState('');
  const [error, setError] = useState<Error>();
  const [saving, setSaving] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    try {
      const chosen = user || users.data?.items[0]?.email || '';
      const res = await api.request<{ access_token: string }>('/dev/token', {
        method: 'POST',
        body: { user: chosen },
      });
      const name = users.data?.items.find((u) => u.email === chosen)?.name;
      signIn(sessionFromToken(res.body.access_token, name));
    } catch (err) {
      setError(err as Error);
    } finally {
      setSaving(false);
    }
  };
  return (
    <form onSubmit={submit} className="card narrow">
      <p>{t('signIn.devIntro')}</p>
      <ProblemAlert error={error} />
      <Await loaded={users}>
        {(data) => (
          <Field label={t('signIn.user')}>
            {(props) => (
              <select {...props} value={user} onChange={(e) => setUser(e.target.value)} name="user">
                {data.items
                  .filter((u) => u.roles.length > 0)
                  .map((u) => (
                    <option key={u.key} value={u.email}>
                      {u.name} — {u.roles.join(', ')}
                      {u.providerName ? ` (${u.providerName})` : ''}
                    </option>
                  ))}
              </select>
            )}
          </Field>
        )}
      </Await>
      <SubmitButton saving={saving} label={t('signIn.submit')} />
    </form>
  );
};

export const SignIn = () => {
  const t = useT();
  const { config, expired } = useApp();
  const auth = config.auth;
  return (
    <Page title={t('signIn.title')}>
      {expired && (
        <p className="alert alert-warning" role="status">
          {t('app.sessionExpired')}
        </p>
      )}
      {auth.kind === 'dev' ? (
        <DevSignIn />
      ) : (
        <div className="card narrow">
          <p>{t('signIn.intro')}</p>
          <button
            type="button"
            className="primary"
            onClick={() =>
              void import('./oidc').then(({ userManager }) => userManager(auth).signinRedirect())
            }
          >
            {t('signIn.oidc')}
          </button>
        </div>
      )}
    </Page>
  );
};
