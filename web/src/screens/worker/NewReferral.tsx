// Referring a client: find fitting services of the region for the client's needs (with why each
// fits or not), prepare the referral and send it. Only the data the client consented to share with
// the receiving provider leaves the sender; the API filters by the consent, the screen says so.
import { referrals } from '@spolu/contracts';
import type { intake } from '@spolu/contracts';

import { needs as needList } from '@spolu/contracts';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useLocation } from 'wouter';
import type { ApiResponse } from '../../api/client';
import { useApp, useIdempotencyKey, useLoad } from '../../api/context';
import { needName, serviceTypeName } from '../../i18n/values';
import { useLabel, useLocale, useT } from '../../i18n/locale';
import { ProblemAlert, SubmitButton, useSubmit } from '../../ui/form';
import { Await, Page } from '../../ui/page';
import { clientLabel } from './labels';

export const NewReferral = ({ clientId }: { clientId: string }) => {
  const t = useT();
  const label = useLabel();
  const { locale } = useLocale();
  const { api } = useApp();
  const [, navigate] = useLocation();
  const client = useLoad((a) => a.get<intake.Client>(`/clients/${clientId}`), [clientId]);
  const [chosenNeeds, setNeeds] = useState<string[]>([]);
  const [matches, setMatches] = useState<referrals.ServiceMatch[]>();
  const [matchError, setMatchError] = useState<Error>();
  const [toServiceId, setTo] = useState('');
  const [key] = useIdempotencyKey();
  const { submit, errors, problem, saving } = useSubmit(referrals.CreateReferralBody, async (body) => {
    const draft = await api.request<{ id: string }>('/referrals', {
      method: 'POST',
      body,
      idempotencyKey: key,
    });
    const c = client.data!;
    const clientData =
      c.identity.kind === 'named'
        ? { name: c.identity.name, birthDate: c.identity.birthDate, needs: body.needCodes }
        : { needs: body.needCodes };
    await api.request(`/referrals/${draft.body.id}/transitions`, {
      method: 'POST',
      body: { action: 'send', clientData },
      ifMatch: draft.etag,
    });
    return draft;
  });
  return (
    <Await loaded={client}>
      {(c) => {
        const base = { ageBand: c.ageBand, district: c.identity.district, targetGroup: c.targetGroup };
        const find = async (e: FormEvent) => {
          e.preventDefault();
          setMatchError(undefined);
          try {
            const res = await api.get<{ items: referrals.ServiceMatch[] }>('/referral-matches', {
              ...base,
              needs: chosenNeeds.join(','),
            });
            setMatches(res.items.filter((m) => m.serviceId !== c.serviceId));
          } catch (err) {
            setMatchError(err as Error);
          }
        };
        const send = async (e: FormEvent) => {
          e.preventDefault();
          const res: ApiResponse<{ id: string }> | undefined = await submit({
            clientId,
            fromServiceId: c.serviceId,
            toServiceId,
            ...base,
            needCodes: chosenNeeds,
          });
          if (res) navigate(`/referrals/${res.body.id}`);
        };
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
                            onChange={() => setTo(m.serviceId)}
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
                <p className="hint">{t('referrals.consentNote')}</p>
                <SubmitButton saving={saving} label={t('referrals.send')} />
              </form>
            )}
          </Page>
        );
      }}
    </Await>
  );
};
