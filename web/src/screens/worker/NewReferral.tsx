// Referring a client: find fitting services of the region for the client's needs (with why each
// fits or not), prepare the referral and send it. Only the data the client consented to share with
// the receiving provider leaves the sender; the API filters by the consent, the screen says so,
// and asks before sending a referral the client consented to share nothing with. The age band,
// district and target group come from the client record. Warnings of the API (e.g. a service
// outside the client's target group) are shown before moving on to the referral.
import { dataOf } from '@spolu/client';
import { referrals } from '@spolu/contracts';
import type { Warning } from '@spolu/contracts';

import { needs as needList } from '@spolu/contracts';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import type { Api } from '../../api/client';
import { withEtag } from '../../api/client';
import { districtCode, needCode } from '../../api/codes';
import { useApp, useIdempotencyKey, useLoad } from '../../api/context';
import { needName, serviceTypeName } from '../../i18n/values';
import { useLabel, useLocale, useT } from '../../i18n/locale';
import { Field, ProblemAlert, SubmitButton, useSubmit } from '../../ui/form';
import { Await, Page } from '../../ui/page';
import { ruleMessage } from '../../i18n/ruleMessages';
import { clientLabel } from './labels';

/** Whether the client consented to share anything with this provider (a standing referral-share
 * consent): without one the referral would go without any client data. */
const consentsToShareWith = async (api: Api, clientId: string, providerId: string) => {
  const consents = dataOf(
    await api.GET('/clients/{clientId}/consents', { params: { path: { clientId }, query: { limit: 100 } } }),
  );
  return consents.items.some(
    (c) =>
      c.purpose === 'referral-share' &&
      c.status === 'given' &&
      c.recipientProviderId === providerId &&
      (c.sharedFields ?? []).length > 0,
  );
};

export const NewReferral = ({ clientId }: { clientId: string }) => {
  const t = useT();
  const label = useLabel();
  const { locale } = useLocale();
  const { api } = useApp();
  const [, navigate] = useLocation();
  const client = useLoad(
    (a) => a.GET('/clients/{clientId}', { params: { path: { clientId } } }).then(dataOf),
    [clientId],
  );
  const [chosenNeeds, setNeeds] = useState<string[]>([]);
  const [matches, setMatches] = useState<referrals.ServiceMatch[]>();
  const [matchError, setMatchError] = useState<Error>();
  const [toServiceId, setTo] = useState('');
  const [senderPhone, setSenderPhone] = useState('');
  const [senderEmail, setSenderEmail] = useState('');
  const [askEmpty, setAskEmpty] = useState(false);
  const [sentWithWarnings, setSentWithWarnings] = useState<{ id: string; warnings: Warning[] }>();
  const [key] = useIdempotencyKey();
  const { submit, errors, problem, saving } = useSubmit(referrals.CreateReferralBody, async (body) => {
    const needs = body.needCodes.map(needCode);
    const draft = withEtag(
      await api.POST('/referrals', {
        params: { header: { 'idempotency-key': key } },
        body: { ...body, needCodes: needs, district: districtCode(body.district) },
      }),
    );
    const c = client.data!;
    const clientData =
      c.identity.kind === 'named'
        ? { name: c.identity.name, birthDate: c.identity.birthDate, needs }
        : { needs };
    const sent = await api.POST('/referrals/{referralId}/transitions', {
      params: { path: { referralId: draft.body.id }, header: { 'if-match': draft.etag } },
      body: { action: 'send', clientData },
    });
    return {
      id: draft.body.id,
      warnings: [...(draft.body.warnings ?? []), ...(dataOf(sent).warnings ?? [])],
    };
  });
  return (
    <Await loaded={client}>
      {(c) => {
        const base = { ageBand: c.ageBand, district: c.identity.district, targetGroup: c.targetGroup };
        const find = async (e: FormEvent) => {
          e.preventDefault();
          setMatchError(undefined);
          try {
            const res = await api.GET('/referral-matches', {
              params: { query: { ...base, needs: chosenNeeds.join(',') } },
            });
            setMatches(dataOf(res).items.filter((m) => m.serviceId !== c.serviceId));
          } catch (err) {
            setMatchError(err as Error);
          }
        };
        const sendReferral = async () => {
          const senderContact = {
            ...(senderPhone ? { phone: senderPhone } : {}),
            ...(senderEmail ? { email: senderEmail } : {}),
          };
          const res = await submit({
            clientId,
            fromServiceId: c.serviceId,
            toServiceId,
            ...base,
            needCodes: chosenNeeds,
            ...(Object.keys(senderContact).length > 0 ? { senderContact } : {}),
          });
          if (!res) return;
          if (res.warnings.length > 0) setSentWithWarnings(res);
          else navigate(`/referrals/${res.id}`);
        };
        const send = async (e: FormEvent) => {
          e.preventDefault();
          const receiver = matches?.find((m) => m.serviceId === toServiceId);
          // Ask first when the client consented to share nothing with the receiving provider.
          if (receiver && !askEmpty) {
            const shares = await consentsToShareWith(api, clientId, receiver.providerId).catch(() => true);
            if (!shares) {
              setAskEmpty(true);
              return;
            }
          }
          await sendReferral();
        };
        if (sentWithWarnings)
          return (
            <Page title={`${t('referrals.new')}: ${clientLabel(c)}`}>
              <div className="card" role="status">
                <p>{t('referralNews.warnings')}</p>
                <ul>
                  {sentWithWarnings.warnings.map((w) => (
                    <li key={w.code}>{ruleMessage(w.code, locale) ?? w.detail}</li>
                  ))}
                </ul>
                <Link href={`/referrals/${sentWithWarnings.id}`}>{t('referralNews.openReferral')}</Link>
              </div>
            </Page>
          );
        return (
          <Page title={`${t('referrals.new')}: ${clientLabel(c)}`}>
            <form onSubmit={find} noValidate className="card">
              <fieldset>
                <legend>{t('referrals.needs')}</legend>
                <div className="choices columns">
                  {needList.map((n) => (
                    <label key={n.code} className="choice">
                      <input
                        type="checkbox"
                        checked={chosenNeeds.includes(n.code)}
                        onChange={(e) =>
                          setNeeds(
                            e.target.checked
                              ? [...chosenNeeds, n.code]
                              : chosenNeeds.filter((x) => x !== n.code),
                          )
                        }
                      />{' '}
                      {needName(n.code, locale)}
                    </label>
                  ))}
                </div>
              </fieldset>
              <ProblemAlert error={matchError} />
              <button type="submit" disabled={chosenNeeds.length === 0}>
                {t('referrals.match')}
              </button>
            </form>
            {matches && (
              <form onSubmit={send} noValidate className="card">
                <ProblemAlert error={problem} />
                {errors.toServiceId && <p className="error">{errors.toServiceId}</p>}
                <fieldset>
                  <legend>{t('referrals.choose')}</legend>
                  <ul className="list">
                    {matches.map((m) => (
                      <li key={m.serviceId}>
                        <label className="choice">
                          <input
                            type="radio"
                            name="toServiceId"
                            value={m.serviceId}
                            checked={toServiceId === m.serviceId}
                            disabled={!m.suitable}
                            onChange={() => {
                              setTo(m.serviceId);
                              setAskEmpty(false);
                            }}
                          />{' '}
                          <strong>{m.serviceName}</strong> — {m.providerName}
                        </label>
                        <br />
                        <span className={m.suitable ? 'badge ok' : 'badge'}>
                          {t(m.suitable ? 'referrals.suitable' : 'referrals.unsuitable')}
                        </span>{' '}
                        {serviceTypeName(m.type, locale)} ·{' '}
                        {t('referrals.waitingDays', { days: m.waitingDays })}
                        {m.reasons.length > 0 && (
                          <span className="muted">
                            {' '}
                            · {m.reasons.map((r) => label('match', r.code)).join(', ')}
                          </span>
                        )}
                      </li>
                    ))}
                  </ul>
                </fieldset>
                <fieldset>
                  <legend>{t('referralNews.senderContact')}</legend>
                  <Field label={`${t('referralNews.senderPhoneLabel')} ${t('app.optional')}`}>
                    {(p) => (
                      <input
                        {...p}
                        type="tel"
                        value={senderPhone}
                        onChange={(e) => setSenderPhone(e.target.value)}
                      />
                    )}
                  </Field>
                  <Field label={`${t('referralNews.senderEmailLabel')} ${t('app.optional')}`}>
                    {(p) => (
                      <input
                        {...p}
                        type="email"
                        value={senderEmail}
                        onChange={(e) => setSenderEmail(e.target.value)}
                      />
                    )}
                  </Field>
                </fieldset>
                <p className="hint">{t('referrals.consentNote')}</p>
                {askEmpty ? (
                  <div className="confirm" role="alert">
                    <p>
                      <strong>{t('referralNews.confirmEmpty')}</strong>
                    </p>
                    <SubmitButton saving={saving} label={t('referralNews.confirmEmptyButton')} />{' '}
                    <button type="button" onClick={() => setAskEmpty(false)}>
                      {t('app.cancel')}
                    </button>
                  </div>
                ) : (
                  <SubmitButton saving={saving} label={t('referrals.send')} />
                )}
              </form>
            )}
          </Page>
        );
      }}
    </Await>
  );
};
