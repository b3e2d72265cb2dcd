// One referral as both providers see it: status history (who, when, why) and the next actions of
// the lifecycle the caller's side may take. Each transition sends the ETag it loaded.
import { referrals } from '@spolu/contracts';

import type { FormEvent } from 'react';
import { useState } from 'react';
import { FormattedDate } from 'react-intl';
import { useApp, useLoad } from '../../api/context';
import { useT } from '../../i18n/locale';
import { Field, ProblemAlert, SubmitButton, useSubmit } from '../../ui/form';
import { Await, Page } from '../../ui/page';

type Action = 'receive' | 'accept' | 'decline' | 'waitlist' | 'start' | 'complete' | 'cancel';
const receiverActions: Partial<Record<referrals.Referral['status'], Action[]>> = {
  sent: ['accept', 'decline', 'waitlist'],
  received: ['accept', 'decline', 'waitlist'],
  waitlisted: ['accept', 'decline'],
  accepted: ['start'],
  'in-progress': ['complete'],
};
const senderActions: Partial<Record<referrals.Referral['status'], Action[]>> = {
  sent: ['cancel'],
  received: ['cancel'],
  waitlisted: ['cancel'],
};

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
    api.request(`/referrals/${referral.id}/transitions`, { method: 'POST', body, ifMatch: etag }),
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

export const ReferralDetail = ({ referralId }: { referralId: string }) => {
  const t = useT();
  const { session } = useApp();
  const loaded = useLoad(
    async (api) => {
      const res = await api.request<referrals.Referral>(`/referrals/${referralId}`);
      return { referral: res.body, etag: res.etag ?? '' };
    },
    [referralId],
  );
  const [action, setAction] = useState<Action>();
  return (
    <Await loaded={loaded}>
      {({ referral, etag }) => {
        const receiving = referral.receiverProviderId === session?.tenantId;
        const actions = (receiving ? receiverActions : senderActions)[referral.status] ?? [];
        return (
          <Page title={`${t('referrals.title')}: ${referral.toServiceName}`}>
            <p>
              <span className={`badge status-${referral.status}`}>
                {t(`referral.status.${referral.status}`)}
              </span>{' '}
              {referral.needCodes.join(', ')}
            </p>
            {referral.sharedFields.length > 0 && (
              <p>{t('referrals.sharedFields', { fields: referral.sharedFields.join(', ') })}</p>
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
                  <strong>{t(`referral.status.${h.status}`)}</strong>
                  {h.reason ? ` — ${t(`reason.${h.reason}`)}` : ''}
                  {h.note ? ` — ${h.note}` : ''}
                </li>
              ))}
            </ol>
          </Page>
        );
      }}
    </Await>
  );
};
