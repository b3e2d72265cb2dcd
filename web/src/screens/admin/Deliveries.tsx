// A subscription's delivery log: each message's status, its attempts (status code, latency,
// error) and a resend of one message, or of everything since a time (the partner was down). The
// event reads in words (its technical name in a tooltip), an attempt's outcome too.
import { dataOf } from '@spolu/client';
import { webhooks } from '@spolu/contracts';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { FormattedDate } from 'react-intl';
import { useApp, useIdempotencyKey, useLoad } from '../../api/context';
import type { MessageId } from '../../i18n/cs';
import { useLocale, useT } from '../../i18n/locale';
import { eventName } from '../../i18n/values';
import { DateTimeField } from '../../ui/fields';
import { ProblemAlert, SubmitButton, useSubmit } from '../../ui/form';
import { Await } from '../../ui/page';
import { SavedNote } from '../worker/clientRecords';
import { localInputToIso } from '../worker/me';

const Attempts = ({
  delivery,
  onRedelivered,
}: {
  delivery: webhooks.Delivery;
  onRedelivered: () => void;
}) => {
  const t = useT();
  const { api } = useApp();
  const [key, renewKey] = useIdempotencyKey();
  const attempts = useLoad(
    (a) =>
      a
        .GET('/webhooks/deliveries/{deliveryId}/attempts', { params: { path: { deliveryId: delivery.id } } })
        .then(dataOf),
    [delivery.id, delivery.attempts],
  );
  const [problem, setProblem] = useState<Error>();
  const redeliver = async () => {
    setProblem(undefined);
    try {
      // The route declares no Idempotency-Key; the retried resend still goes with the same one.
      await api.POST('/webhooks/deliveries/{deliveryId}/redeliveries', {
        params: { path: { deliveryId: delivery.id } },
        headers: { 'idempotency-key': key },
      });
      renewKey();
      onRedelivered();
    } catch (err) {
      setProblem(err as Error);
    }
  };
  return (
    <div aria-label={t('admin.delivery.attemptsOf', { id: delivery.id })} role="group">
      <Await loaded={attempts}>
        {({ items }) => (
          <ol className="list">
            {items.map((a) => (
              <li key={a.attempt}>
                <FormattedDate value={a.at} dateStyle="short" timeStyle="medium" /> ·{' '}
                {t('admin.delivery.attempt', {
                  n: a.attempt,
                  outcome: t(`words.attempt.${a.outcome}`),
                  code: a.statusCode ?? '',
                  ms: a.latencyMs,
                })}
                {a.error && <> · {a.error}</>}
              </li>
            ))}
          </ol>
        )}
      </Await>
      <ProblemAlert error={problem} />
      <button type="button" onClick={() => void redeliver()}>
        {t('admin.delivery.redeliver')}
      </button>
    </div>
  );
};

export const Deliveries = ({ subscription }: { subscription: webhooks.Subscription }) => {
  const t = useT();
  const { locale } = useLocale();
  const { api } = useApp();
  const list = useLoad(
    (a) =>
      a
        .GET('/webhooks/subscriptions/{subscriptionId}/deliveries', {
          params: { path: { subscriptionId: subscription.id }, query: { limit: 20 } },
        })
        .then(dataOf),
    [subscription.id],
  );
  const [open, setOpen] = useState<string>();
  const [since, setSince] = useState('');
  const [note, setNote] = useState<string>();
  const { submit, errors, problem, saving } = useSubmit(webhooks.ReplaySinceBody, (body) =>
    api
      .POST('/webhooks/subscriptions/{subscriptionId}/replays', {
        params: { path: { subscriptionId: subscription.id } },
        body,
      })
      .then(dataOf),
  );
  const onReplay = async (e: FormEvent) => {
    e.preventDefault();
    const res = await submit({ since: since ? localInputToIso(since) : '' });
    if (res) {
      setNote(t('admin.delivery.replayed', { count: res.replayed }));
      list.reload();
    }
  };
  return (
    <>
      <h3>{t('webhooks.deliveries')}</h3>
      <SavedNote message={note} />
      <Await loaded={list}>
        {(data) =>
          data.items.length === 0 ? (
            <p>{t('app.none')}</p>
          ) : (
            <ul className="list">
              {data.items.map((d) => (
                <li key={d.id}>
                  <span title={d.eventType}>
                    {d.eventType === 'webhook.ping'
                      ? t('words.webhooks.ping')
                      : eventName(d.eventType, locale)}
                  </span>{' '}
                  · {t(`admin.delivery.status.${d.status}` as MessageId)} ·{' '}
                  <FormattedDate value={d.createdAt} dateStyle="medium" timeStyle="short" />{' '}
                  <button
                    type="button"
                    className="link"
                    aria-expanded={open === d.id}
                    onClick={() => setOpen(open === d.id ? undefined : d.id)}
                  >
                    {t('admin.delivery.attempts')} ({d.attempts})
                  </button>
                  {open === d.id && (
                    <Attempts
                      delivery={d}
                      onRedelivered={() => {
                        setNote(t('admin.delivery.redelivered'));
                        list.reload();
                      }}
                    />
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </Await>
      <form onSubmit={onReplay} noValidate aria-label={t('webhooks.replay')}>
        <ProblemAlert error={problem} />
        <DateTimeField label={t('webhooks.replay')} error={errors.since} value={since} onChange={setSince} />
        <SubmitButton saving={saving} label={t('webhooks.replayButton')} />
      </form>
    </>
  );
};
