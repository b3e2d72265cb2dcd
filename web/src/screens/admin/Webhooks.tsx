// Partner systems and their webhook subscriptions, with each subscription's delivery log and a
// replay of everything since a time (the receiver was down, the partner asks for a resend).
import { webhooks } from '@spolu/contracts';

import type { FormEvent } from 'react';
import { useState } from 'react';
import { FormattedDate } from 'react-intl';
import { useApp, useLoad } from '../../api/context';
import { useT } from '../../i18n/locale';
import { Field, ProblemAlert, SubmitButton, useSubmit } from '../../ui/form';
import { Await, Page } from '../../ui/page';
import { SavedNote } from '../worker/clientRecords';
import { PartnerClients } from './PartnerClients';
import { SubscriptionActions } from './SubscriptionActions';
import { SubscriptionForm } from './SubscriptionForm';

const Deliveries = ({ subscription }: { subscription: webhooks.Subscription }) => {
  const t = useT();
  const { api } = useApp();
  const list = useLoad(
    (a) =>
      a.get<{ items: webhooks.Delivery[] }>(`/webhooks/subscriptions/${subscription.id}/deliveries`, {
        limit: 20,
      }),
    [subscription.id],
  );
  const [since, setSince] = useState('');
  const [result, setResult] = useState<string>();
  const { submit, errors, problem, saving } = useSubmit(webhooks.ReplaySinceBody, (body) =>
    api.request<{ queued: number }>(`/webhooks/subscriptions/${subscription.id}/replays`, {
      method: 'POST',
      body,
    }),
  );
  const onReplay = async (e: FormEvent) => {
    e.preventDefault();
    const res = await submit({ since: since ? new Date(since).toISOString() : '' });
    if (res) {
      setResult(JSON.stringify(res.body));
      list.reload();
    }
  };
  return (
    <>
      <h3>{t('webhooks.deliveries')}</h3>
      <Await loaded={list}>
        {(data) =>
          data.items.length === 0 ? (
            <p>{t('app.none')}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Event</th>
                  <th scope="col">{t('webhooks.status')}</th>
                  <th scope="col">{t('referrals.updated')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((d) => (
                  <tr key={d.id}>
                    <td>{d.eventType}</td>
                    <td>{d.status}</td>
                    <td>
                      <FormattedDate value={d.createdAt} dateStyle="medium" timeStyle="short" />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Await>
      <form onSubmit={onReplay} noValidate className="row">
        <ProblemAlert error={problem} />
        <Field label={t('webhooks.replay')} error={errors.since}>
          {(p) => (
            <input {...p} type="datetime-local" value={since} onChange={(e) => setSince(e.target.value)} />
          )}
        </Field>
        <SubmitButton saving={saving} label={t('webhooks.replayButton')} />
        {result && <p role="status">{result}</p>}
      </form>
    </>
  );
};

export const Webhooks = () => {
  const t = useT();
  const subscriptions = useLoad(
    (api) => api.get<{ items: webhooks.Subscription[] }>('/webhooks/subscriptions', { limit: 50 }),
    [],
  );
  const [secret, setSecret] = useState<string>();
  const [note, setNote] = useState<string>();
  const showSecret = (value: string) => {
    setNote(undefined);
    setSecret(value);
    subscriptions.reload();
  };
  return (
    <Page title={t('webhooks.title')}>
      <PartnerClients onChanged={subscriptions.reload} />
      <h2>{t('webhooks.subscriptions')}</h2>
      {secret && (
        <p className="alert alert-warning" role="alert">
          {t('admin.subscription.secret', { secret })}
        </p>
      )}
      <SavedNote message={note} />
      <Await loaded={subscriptions}>
        {(data) =>
          data.items.length === 0 ? (
            <p>{t('app.none')}</p>
          ) : (
            <ul className="cards">
              {data.items.map((s) => (
                <li key={s.id} className="card">
                  <strong className="break">{s.url}</strong>{' '}
                  <span className="badge">
                    {s.enabled
                      ? t('admin.subscription.on')
                      : (s.disabledReason ?? t('admin.subscription.off'))}
                  </span>
                  <p>{s.eventTypes.join(', ')}</p>
                  <SubscriptionActions
                    subscription={s}
                    onSecret={showSecret}
                    onChanged={(message) => {
                      setNote(message);
                      subscriptions.reload();
                    }}
                  />
                  <Deliveries subscription={s} />
                </li>
              ))}
            </ul>
          )
        }
      </Await>
      <SubscriptionForm onCreated={showSecret} />
    </Page>
  );
};
