// A new webhook subscription: where to send which events. The signing secret comes back once,
// in the answer to this request; the admin copies it to the partner then.
import { dataOf } from '@spolu/client';
import { allEvents, webhooks } from '@spolu/contracts';
import { useApp, useIdempotencyKey } from '../../api/context';
import { contract, toggle, useContractForm } from '../../forms/useContractForm';
import { useLocale, useT } from '../../i18n/locale';
import { eventName } from '../../i18n/values';
import { Field, ProblemAlert, SubmitButton } from '../../ui/form';
import { ChoiceGroup } from '../worker/clientRecords';

/** What a partner may subscribe to: every platform event except the webhooks service's own. */
const eventTypes = [...new Set(allEvents.filter((e) => e.source !== 'webhooks').map((e) => e.type))].sort();

export const SubscriptionForm = ({ onCreated }: { onCreated: (secret: string) => void }) => {
  const t = useT();
  const { locale } = useLocale();
  const { api } = useApp();
  const [key, renewKey] = useIdempotencyKey();
  const { form, errors, problem, saving, onSubmit, field } = useContractForm({
    defaultValues: { url: '', description: '', eventTypes: [] as string[] },
    contract: contract(
      webhooks.CreateSubscriptionBody,
      (v: { url: string; description: string; eventTypes: string[] }) => ({
        ...v,
        description: v.description || undefined,
      }),
      (body) =>
        api
          .POST('/webhooks/subscriptions', { params: { header: { 'idempotency-key': key } }, body })
          .then(dataOf),
    ),
    onSaved: (res: { secret: string }, f) => {
      renewKey();
      f.reset();
      onCreated(res.secret);
    },
  });
  const events = field('eventTypes');
  return (
    <form onSubmit={onSubmit} noValidate className="card" aria-labelledby="add-subscription">
      <h3 id="add-subscription">{t('admin.subscription.add')}</h3>
      <ProblemAlert error={problem} />
      <Field label={t('admin.subscription.url')} error={errors.url}>
        {(p) => <input {...p} type="url" inputMode="url" {...form.register('url')} />}
      </Field>
      <Field label={`${t('admin.subscription.description')} ${t('app.optional')}`} error={errors.description}>
        {(p) => <input {...p} {...form.register('description')} />}
      </Field>
      <ChoiceGroup legend={t('admin.subscription.events')} error={errors.eventTypes} columns>
        {eventTypes.map((type) => (
          <label key={type} className="choice" title={type}>
            <input
              type="checkbox"
              checked={events.value.includes(type)}
              onChange={() => events.onChange(toggle(events.value, type))}
            />{' '}
            {eventName(type, locale)}
          </label>
        ))}
      </ChoiceGroup>
      <SubmitButton saving={saving} label={t('admin.subscription.add')} />
    </form>
  );
};
