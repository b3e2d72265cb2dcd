// Partner systems and their webhook subscriptions: create one, rotate its secret, test it, pause
// it, and follow each subscription's delivery log (attempts, resends). Each subscription shows its
// description and the events it takes in words (the technical name stays in a tooltip); a new
// signing secret can be copied with one button.
import { dataOf } from '@spolu/client';
import { useState } from 'react';
import { useLoad } from '../../api/context';
import { useLocale, useT } from '../../i18n/locale';
import { eventName } from '../../i18n/values';
import { Await, Page } from '../../ui/page';
import { SavedNote } from '../worker/clientRecords';
import { Deliveries } from './Deliveries';
import { PartnerClients } from './PartnerClients';
import { CopySecret, SubscriptionActions } from './SubscriptionActions';
import { SubscriptionForm } from './SubscriptionForm';

export const Webhooks = () => {
  const t = useT();
  const { locale } = useLocale();
  const subscriptions = useLoad(
    (api) => api.GET('/webhooks/subscriptions', { params: { query: { limit: 50 } } }).then(dataOf),
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
        <div className="alert alert-warning" role="alert">
          <p>{t('admin.subscription.secret', { secret })}</p>
          <CopySecret secret={secret} />
        </div>
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
                      : s.disabledReason
                        ? t(`words.webhooks.disabled.${s.disabledReason}`)
                        : t('admin.subscription.off')}
                  </span>
                  {s.description && <p>{s.description}</p>}
                  <h3>{t('words.webhooks.events')}</h3>
                  <ul className="event-list">
                    {s.eventTypes.map((type) => (
                      <li key={type} title={type}>
                        {eventName(type, locale)}
                      </li>
                    ))}
                  </ul>
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
