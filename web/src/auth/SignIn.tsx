import type { FormEvent } from 'react';
import { useState } from 'react';
import { useApp, useLoad } from '../api/context';
import { useT } from '../i18n/locale';
import { Field, ProblemAlert, SubmitButton } from '../ui/form';
import { Await, Page } from '../ui/page';
import { devSignIn, devUsers } from './devSignIn';
import { sessionFromToken } from './session';

/** Local runtime only: the seeded users of the dev issuer (never present in AWS). */
const DevSignIn = () => {
  const t = useT();
  const { config, signIn } = useApp();
  const users = useLoad(() => devUsers(config.apiUrl), [config.apiUrl]);
  const [user, setUser] = useState('');
  const [error, setError] = useState<Error>();
  const [saving, setSaving] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    try {
      const chosen = user || users.data?.items[0]?.email || '';
      const token = await devSignIn(config.apiUrl, chosen);
      const name = users.data?.items.find((u) => u.email === chosen)?.name;
      signIn(await sessionFromToken(token, name));
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
