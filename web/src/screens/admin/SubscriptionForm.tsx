// A new webhook subscription: where to send which events. The signing secret comes back once,
// in the answer to this request; the admin copies it to the partner then.
import { dataOf } from '@spolu/client';
import { allEvents, webhooks } from '@spolu/contracts';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useApp, useIdempotencyKey } from '../../api/context';
import { useLocale, useT } from '../../i18n/locale';
import { eventName } from '../../i18n/values';
import { Field, ProblemAlert, SubmitButton, useSubmit } from '../../ui/form';
import { ChoiceGroup } from '../worker/clientRecords';

/** What a partner may subscribe to: every platform event except the webhooks service's own. */
const eventTypes = [...new Set(allEvents.filter((e) => e.source !== 'webhooks').map((e) => e.type))].sort();

export const SubscriptionForm = ({ onCreated }: { onCreated: (secret: string) => void }) => {
  const t = useT();
  const { locale } = useLocale();
  const { api } = useApp();
  const [key, renewKey] = useIdempotencyKey();
  const [form, setForm] = useState({ url: '', description: '', eventTypes: [] as string[] });
  const { submit, errors, problem, saving } = useSubmit(webhooks.CreateSubscriptionBody, (body) =>
    api
      .POST('/webhooks/subscriptions', { params: { header: { 'idempotency-key': key } }, body })
      .then(dataOf),
  );
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await submit({ ...form, description: form.description || undefined });
    if (!res) return;
    renewKey();
    setForm({ url: '', description: '', eventTypes: [] });
    onCreated(res.secret);
  };
  return (
    <form onSubmit={onSubmit} noValidate className="card" aria-labelledby="add-subscription">
      <h3 id="add-subscription">{t('admin.subscription.add')}</h3>
      <ProblemAlert error={problem} />
      <Field label={t('admin.subscription.url')} error={errors.url}>
        {(p) => (
          <input
            {...p}
            type="url"
            inputMode="url"
            value={form.url}
            onChange={(e) => setForm({ ...form, url: e.target.value })}
          />
        )}
      </Field>
      <Field label={`${t('admin.subscription.description')} ${t('app.optional')}`} error={errors.description}>
        {(p) => (
          <input
            {...p}
            value={form.description}
            onChange={(e) => setForm({ ...form, description: e.target.value })}
          />
        )}
      </Field>
      <ChoiceGroup legend={t('admin.subscription.events')} error={errors.eventTypes} columns>
        {eventTypes.map((type) => (
          <label key={type} className="choice" title={type}>
            <input
              type="checkbox"
              checked={form.eventTypes.includes(type)}
              onChange={() =>
                setForm({
                  ...form,
                  eventTypes: form.eventTypes.includes(type)
                    ? form.eventTypes.filter((x) => x !== type)
                    : [...form.eventTypes, type],
                })
              }
            />{' '}
            {eventName(type, locale)}
          </label>
        ))}
      </ChoiceGroup>
      <SubmitButton saving={saving} label={t('admin.subscription.add')} />
    </form>
  );
};
