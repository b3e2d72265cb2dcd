// One referral as both providers see it: status history (who, when, why) and the next actions of
// the lifecycle the caller's side may take. Each transition sends the ETag it loaded. The receiver
// sees who refers (provider, worker, contact) and what the client shared (or that nothing was)
// before accepting, and is told when the sender cancelled (the place is free); the sender sees a
// consent withdrawal in the history and who opened the shared data. Everything reads in words:
// the needs, the sending service, the client's age band, district and target group, the shared
// fields and their values (needs, district, sex by name, not by code).
import { dataOf } from '@spolu/client';
import { referralActionsFor, referrals } from '@spolu/contracts';

import type { FormEvent } from 'react';
import { useState } from 'react';
import { FormattedDate, useIntl } from 'react-intl';
import { withEtag } from '../../api/client';
import { clientDataCodes } from '../../api/codes';
import { useApp, useLoad } from '../../api/context';
import type { Locale } from '../../i18n/locale';
import { useLocale, useT } from '../../i18n/locale';
import { ageBandName, districtName, needNames, serviceTypeName, targetGroupName } from '../../i18n/values';
import { Field, ProblemAlert, SubmitButton, useSubmit } from '../../ui/form';
import type { T } from '../../i18n/locale';
import { Await, Page } from '../../ui/page';

/** Sending a draft carries the consented client data, so the new-referral screen does it. */
type Action = Exclude<referrals.TransitionBody['action'], 'send'>;
const isOffered = (a: referrals.TransitionBody['action']): a is Action => a !== 'send';

/** The next steps the lifecycle (contracts) allows this side, in lifecycle order. */
const actionsOf = (status: referrals.ReferralStatus, receiving: boolean): Action[] =>
  referralActionsFor(status, receiving ? 'receiver' : 'sender').filter(isOffered);

const TransitionForm = ({
  referral,
  etag,
  action,
  onDone,
}: {
  referral: referrals.Referral;
  etag: string;
  action: Action;
  onDone: () => void;
}) => {
  const t = useT();
  const { api } = useApp();
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [expectedDate, setExpected] = useState('');
  const { submit, errors, problem, saving } = useSubmit(referrals.TransitionBody, (body) =>
    api.POST('/referrals/{referralId}/transitions', {
      params: { path: { referralId: referral.id }, header: { 'if-match': etag } },
      body: body.action === 'send' ? { ...body, clientData: clientDataCodes(body.clientData) } : body,
    }),
  );
  const needsReason = action === 'decline' || action === 'cancel';
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const body = {
      action,
      ...(needsReason ? { reason: reason || undefined } : {}),
      ...(action === 'waitlist' ? { expectedDate } : {}),
      ...(action === 'complete' ? { outcome: 'successful' } : {}),
      ...(note ? { note } : {}),
    };
    if (await submit(body)) onDone();
  };
  return (
    <form onSubmit={onSubmit} noValidate className="card" aria-label={t(`referrals.action.${action}`)}>
      <ProblemAlert error={problem} onReload={onDone} />
      {needsReason && (
        <Field label={t('referrals.reason')} error={errors.reason}>
          {(p) => (
            <select {...p} value={reason} onChange={(e) => setReason(e.target.value)}>
              <option value="">—</option>
              {referrals.ReasonCode.options.map((r) => (
                <option key={r} value={r}>
                  {t(`reason.${r}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {action === 'waitlist' && (
        <Field label={t('referrals.expectedDate')} error={errors.expectedDate}>
          {(p) => (
            <input {...p} type="date" value={expectedDate} onChange={(e) => setExpected(e.target.value)} />
          )}
        </Field>
      )}
      <Field label={`${t('referrals.note')} ${t('app.optional')}`} error={errors.note}>
        {(p) => <input {...p} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <SubmitButton saving={saving} label={t(`referrals.action.${action}`)} />
    </form>
  );
};

/** Who refers: the receiving service reads it before it accepts. */
const SenderCard = ({
  sender,
  fromServiceId,
  t,
}: {
  sender: referrals.ReferralSender;
  fromServiceId?: string;
  t: T;
}) => {
  const { locale } = useLocale();
  const service = useLoad(
    async (api) =>
      fromServiceId
        ? dataOf(await api.GET('/services/{serviceId}', { params: { path: { serviceId: fromServiceId } } }))
        : undefined,
    [fromServiceId],
  );
  return (
    <section className="card" aria-label={t('referralNews.sender')}>
      <h2>{t('referralNews.sender')}</h2>
      <p>
        <strong>{sender.providerName}</strong>
        {service.data && (
          <>
            <br />
            {t('words.referral.fromService', {
              name: `${service.data.name} (${serviceTypeName(service.data.type, locale)})`,
            })}
          </>
        )}
        {sender.workerName && (
          <>
            <br />
            {t('referralNews.senderWorker', { name: sender.workerName })}
          </>
        )}
        {sender.phone && (
          <>
            <br />
            {t('referralNews.senderPhone', { phone: sender.phone })}
          </>
        )}
        {sender.email && (
          <>
            <br />
            {t('referralNews.senderEmail', { email: sender.email })}
          </>
        )}
      </p>
    </section>
  );
};

/** What the receiver should know about the client before anything is shared: in words. */
const AboutClient = ({ referral, t }: { referral: referrals.Referral; t: T }) => {
  const { locale } = useLocale();
  return (
    <section className="card" aria-label={t('words.referral.about')}>
      <h2>{t('words.referral.about')}</h2>
      <dl className="client-header-facts">
        <div>
          <dt>{t('words.referral.needs')}</dt>
          <dd>{needNames(referral.needCodes, locale) || '—'}</dd>
        </div>
        <div>
          <dt>{t('words.referral.ageBand')}</dt>
          <dd>{t('words.ageBand', { band: ageBandName(referral.ageBand) })}</dd>
        </div>
        <div>
          <dt>{t('words.referral.district')}</dt>
          <dd>{districtName(referral.district)}</dd>
        </div>
        <div>
          <dt>{t('words.referral.targetGroup')}</dt>
          <dd>{targetGroupName(referral.targetGroup, locale)}</dd>
        </div>
        <div>
          <dt>{t('words.referral.toService')}</dt>
          <dd>
            {referral.toServiceName} ({serviceTypeName(referral.toServiceType, locale)})
          </dd>
        </div>
      </dl>
    </section>
  );
};

type Field = keyof referrals.ClientDataInput;
/** A shared value in words: needs, district, age band and sex by name, a date as a date. */
const shownValue = (field: Field, value: unknown, t: T, locale: Locale, date: (d: string) => string) => {
  if (field === 'needs' && Array.isArray(value)) return needNames(value as string[], locale);
  if (field === 'district' && typeof value === 'string') return districtName(value);
  if (field === 'ageBand' && typeof value === 'string')
    return t('words.ageBand', { band: ageBandName(value as referrals.Referral['ageBand']) });
  if (field === 'sex' && typeof value === 'string') return t(`sex.${value as 'female'}`);
  if (field === 'birthDate' && typeof value === 'string') return date(value);
  return Array.isArray(value)
    ? value.join(', ')
    : typeof value === 'object' && value !== null
      ? Object.values(value).join(', ')
      : String(value);
};

/** The consented package for the receiver: opened on request, because every opening is logged
 * for the sender. Nothing shared says so instead of offering an empty package. */
const SharedPackage = ({ referral, t }: { referral: referrals.Referral; t: T }) => {
  const { api } = useApp();
  const { locale } = useLocale();
  const intl = useIntl();
  const [pkg, setPkg] = useState<referrals.SharePackage>();
  const [error, setError] = useState<Error>();
  if (referral.sharedFields.length === 0)
    return (
      <section className="card" aria-label={t('referralNews.package')}>
        <h2>{t('referralNews.package')}</h2>
        <p>{t('referralNews.nothingShared')}</p>
      </section>
    );
  const open = async () => {
    try {
      const opened = await api.GET('/referrals/{referralId}/share-package', {
        params: { path: { referralId: referral.id } },
      });
      setPkg(dataOf(opened));
    } catch (err) {
      setError(err as Error);
    }
  };
  return (
    <section className="card" aria-label={t('referralNews.package')}>
      <h2>{t('referralNews.package')}</h2>
      <ProblemAlert error={error} />
      {pkg ? (
        <ul>
          {Object.entries(pkg.data).map(([field, value]) => (
            <li key={field}>
              {t('referralNews.packageField', {
                field: t(`consents.field.${field as Field}`),
                value: shownValue(field as Field, value, t, locale, (d) =>
                  intl.formatDate(d, { dateStyle: 'medium' }),
                ),
              })}
            </li>
          ))}
        </ul>
      ) : (
        <button type="button" onClick={() => void open()}>
          {t('referralNews.showPackage')}
        </button>
      )}
    </section>
  );
};

/** The sender's access log of the package: who opened it, named, and when. */
const PackageReads = ({ referralId, t }: { referralId: string; t: T }) => {
  const reads = useLoad(
    (api) =>
      api
        .GET('/referrals/{referralId}/share-package/reads', { params: { path: { referralId } } })
        .then(dataOf),
    [referralId],
  );
  return (
    <section aria-label={t('referralNews.reads')}>
      <h2>{t('referralNews.reads')}</h2>
      <Await loaded={reads}>
        {(data) =>
          data.items.length === 0 ? (
            <p>{t('referralNews.readsNone')}</p>
          ) : (
            <ul>
              {data.items.map((r) => (
                <li key={`${r.at}-${r.userId}`}>
                  <FormattedDate value={r.at} dateStyle="medium" timeStyle="short" />{' '}
                  {t('referralNews.readBy', {
                    name: r.userName ?? r.userId,
                    provider: r.providerName ?? r.providerId,
                  })}
                </li>
              ))}
            </ul>
          )
        }
      </Await>
    </section>
  );
};

export const ReferralDetail = ({ referralId }: { referralId: string }) => {
  const t = useT();
  const { locale } = useLocale();
  const { session } = useApp();
  const loaded = useLoad(
    async (api) => {
      const { body, etag } = withEtag(
        await api.GET('/referrals/{referralId}', { params: { path: { referralId } } }),
      );
      return { referral: body, etag };
    },
    [referralId],
  );
  const [action, setAction] = useState<Action>();
  return (
    <Await loaded={loaded}>
      {({ referral, etag }) => {
        const receiving = referral.receiverProviderId === session?.tenantId;
        const sending = referral.senderProviderId === session?.tenantId;
        const actions = actionsOf(referral.status, receiving);
        return (
          <Page title={`${t('referrals.title')}: ${referral.toServiceName}`}>
            <p>
              <span className={`badge status-${referral.status}`}>
                {t(`referral.status.${referral.status}`)}
              </span>{' '}
              {needNames(referral.needCodes, locale)}
            </p>
            {referral.receiverNotice === 'place-free' && receiving && (
              <p className="notice" role="status">
                {t('referralNews.placeFree')}
              </p>
            )}
            {referral.sharedFields.length > 0 && (
              <p>
                {t('referrals.sharedFields', {
                  fields: referral.sharedFields.map((f) => t(`consents.field.${f}`)).join(', '),
                })}
              </p>
            )}
            {receiving && !sending && referral.sender && (
              <SenderCard sender={referral.sender} fromServiceId={referral.fromServiceId} t={t} />
            )}
            {referral.receiverNotice !== 'consent-withdrawn' && <AboutClient referral={referral} t={t} />}
            {receiving && !sending && referral.status !== 'draft' && (
              <SharedPackage referral={referral} t={t} />
            )}
            {actions.length > 0 && (
              <div className="actions" role="group" aria-label={t('referrals.actions')}>
                {actions.map((a) => (
                  <button key={a} type="button" aria-pressed={action === a} onClick={() => setAction(a)}>
                    {t(`referrals.action.${a}`)}
                  </button>
                ))}
              </div>
            )}
            {action && actions.includes(action) && (
              <TransitionForm
                key={`${action}-${etag}`}
                referral={referral}
                etag={etag}
                action={action}
                onDone={() => {
                  setAction(undefined);
                  loaded.reload();
                }}
              />
            )}
            <h2>{t('referrals.history')}</h2>
            <ol className="timeline">
              {referral.history.map((h, i) => (
                <li key={i}>
                  <FormattedDate value={h.at} dateStyle="medium" timeStyle="short" />{' '}
                  <strong>
                    {h.event === 'consent-withdrawn'
                      ? t('referralNews.historyWithdrawn')
                      : t(`referral.status.${h.status}`)}
                  </strong>
                  {h.reason ? ` — ${t(`reason.${h.reason}`)}` : ''}
                  {h.note ? ` — ${h.note}` : ''}
                </li>
              ))}
            </ol>
            {sending && !referral.internal && referral.status !== 'draft' && (
              <PackageReads referralId={referral.id} t={t} />
            )}
          </Page>
        );
      }}
    </Await>
  );
};
