// The dev issuer's sign-in form (local runtime only, never present in AWS): a chunk of its own, so
// a region's console does not ship it in its first download (issue 24 item 5).
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useApp, useLoad } from '../api/context';
import { useT } from '../i18n/locale';
import { Field, ProblemAlert, SubmitButton } from '../ui/form';
import { Await } from '../ui/page';
import { devSignIn, devUsers } from './devSignIn';
import { sessionFromToken } from './session';

/** Local runtime only: the seeded users of the dev issuer (never present in AWS). */
export const DevSignIn = () => {
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
