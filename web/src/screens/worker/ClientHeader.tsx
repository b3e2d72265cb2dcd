// The client file's header (issue 21 item 4): who the client is at a glance, in words, before the
// worker reads the timeline: name or client code, age, district, target group, key worker, the
// services with an agreement in force, the open plan, alerts recorded at home visits (suicide
// risk, a psychotic state, acute danger) and the consents in force. Everything comes from what the
// console already reads: the file, the services of the region, the plans, home visits, consents.
import { dataOf } from '@spolu/client';
import type { intake, plans } from '@spolu/contracts';
import { useIntl } from 'react-intl';
import { Link } from 'wouter';
import { useLoad } from '../../api/context';
import { districtName, ageBandName, serviceTypeName, targetGroupName } from '../../i18n/values';
import { useLocale, useT } from '../../i18n/locale';
import { clientLabel } from './labels';
import { useColleagues } from './colleagues';

/** Whole years between a birth date and today. */
const yearsSince = (birthDate: string, today = new Date()) => {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  const had = today.getMonth() + 1 > m || (today.getMonth() + 1 === m && today.getDate() >= d);
  return today.getFullYear() - y - (had ? 0 : 1);
};

/** The age as a person says it: exact from a birth date, "about" from a birth year, else the band. */
const useAge = () => {
  const t = useT();
  return (client: intake.Client) => {
    const id = client.identity;
    if (id.kind === 'named') return t('words.ageYears', { age: yearsSince(id.birthDate) });
    if (id.birthYear)
      return t('words.ageAbout', { age: new Date().getFullYear() - id.birthYear, year: id.birthYear });
    return t('words.ageBand', { band: ageBandName(client.ageBand) });
  };
};

const risks = ['clientSuicidal', 'clientPsychotic', 'acuteDanger'] as const;

/** Risks recorded when leaving a home visit, newest first, one line per risk and visit. */
const useAlerts = (clientId: string) =>
  useLoad(
    async (api) => {
      const { items } = dataOf(
        await api.GET('/clients/{clientId}/home-visits', {
          params: { path: { clientId }, query: { limit: 100 } },
        }),
      );
      return items
        .filter((v) => v.leaveSafety && risks.some((r) => v.leaveSafety?.[r]))
        .sort((a, b) => (b.endedAt ?? b.scheduledAt).localeCompare(a.endedAt ?? a.scheduledAt))
        .flatMap((v) =>
          risks.filter((r) => v.leaveSafety?.[r]).map((risk) => ({ risk, at: v.endedAt ?? v.scheduledAt })),
        );
    },
    [clientId],
  );

/** Consents in force, with the recipient by name (a provider or the person involved). */
const useConsents = (clientId: string) =>
  useLoad(
    async (api) => {
      const [consents, providers] = await Promise.all([
        api
          .GET('/clients/{clientId}/consents', { params: { path: { clientId }, query: { limit: 100 } } })
          .then(dataOf),
        api.GET('/providers', { params: { query: { limit: 100 } } }).then(dataOf),
      ]);
      return consents.items
        .filter((c) => c.status === 'given')
        .map((c) => ({
          id: c.id,
          purpose: c.purpose,
          recipient:
            c.involvedParty?.name ??
            providers.items.find((p) => p.id === c.recipientProviderId)?.name ??
            undefined,
        }));
    },
    [clientId],
  );

/** The services the active agreements are with, by name and type (§ of Act 108/2006 Sb.). */
const useServices = (serviceIds: readonly string[]) =>
  useLoad(
    async (api) => {
      const unique = [...new Set(serviceIds)];
      const services = await Promise.all(
        unique.map((serviceId) =>
          api.GET('/services/{serviceId}', { params: { path: { serviceId } } }).then(dataOf),
        ),
      );
      return new Map(services.map((s) => [s.id, s]));
    },
    [serviceIds.join(',')],
  );

export const ClientHeader = ({
  client,
  keyWorkerId,
  agreements,
  plans: planList,
}: {
  client: intake.Client;
  keyWorkerId?: string;
  agreements: readonly intake.Agreement[];
  plans?: readonly plans.Plan[];
}) => {
  const t = useT();
  const intl = useIntl();
  const { locale } = useLocale();
  const age = useAge();
  const colleagues = useColleagues();
  const alerts = useAlerts(client.id);
  const consents = useConsents(client.id);
  const services = useServices(agreements.map((a) => a.serviceId));
  const openPlan = planList?.find((p) => p.status === 'open');
  const date = (at: string) => intl.formatDate(at, { dateStyle: 'medium' });
  return (
    <section className="client-header" aria-label={t('words.header')}>
      <h2>{clientLabel(client)}</h2>
      {(alerts.data ?? []).length > 0 && (
        <div className="alert alert-warning">
          <strong>{t('words.alerts')}</strong>
          <ul>
            {alerts.data!.map((a) => (
              <li key={`${a.risk}-${a.at}`}>{t(`words.alert.${a.risk}`, { date: date(a.at) })}</li>
            ))}
          </ul>
        </div>
      )}
      <dl className="client-header-facts">
        <div>
          <dt>{t('words.age')}</dt>
          <dd>{age(client)}</dd>
        </div>
        <div>
          <dt>{t('dim.district')}</dt>
          <dd>{districtName(client.identity.district)}</dd>
        </div>
        <div>
          <dt>{t('dim.targetGroup')}</dt>
          <dd>{targetGroupName(client.targetGroup, locale)}</dd>
        </div>
        <div>
          <dt>{t('words.keyWorker')}</dt>
          <dd>{keyWorkerId ? (colleagues.data?.nameOf(keyWorkerId) ?? '…') : t('words.noKeyWorker')}</dd>
        </div>
        <div>
          <dt>{t('words.services')}</dt>
          <dd>
            {agreements.length === 0 ? (
              t('words.noAgreement')
            ) : (
              <ul>
                {agreements.map((a) => {
                  const s = services.data?.get(a.serviceId);
                  const service = s ? `${s.name} (${serviceTypeName(s.type, locale)})` : '…';
                  return (
                    <li key={a.id}>{t(`words.agreement.${a.form}`, { service, date: date(a.madeAt) })}</li>
                  );
                })}
              </ul>
            )}
          </dd>
        </div>
        {planList && (
          <div>
            <dt>{t('words.plan')}</dt>
            <dd>
              {openPlan ? (
                <Link href={`/plans/${openPlan.id}`}>
                  {t('words.planOpen', { version: openPlan.version })}
                </Link>
              ) : (
                t('words.noPlan')
              )}
            </dd>
          </div>
        )}
        <div>
          <dt>{t('words.consents')}</dt>
          <dd>
            {consents.data === undefined ? (
              '…'
            ) : consents.data.length === 0 ? (
              t('words.noConsents')
            ) : (
              <ul>
                {consents.data.map((c) => (
                  <li key={c.id}>
                    {c.recipient
                      ? t('words.consentTo', {
                          purpose: t(`consents.purpose.${c.purpose}`),
                          recipient: c.recipient,
                        })
                      : t(`consents.purpose.${c.purpose}`)}
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      </dl>
    </section>
  );
};

/** The same header in brief for the plan screen: who the plan is for and the key worker. */
export const ClientBrief = ({ clientId, keyWorkerId }: { clientId: string; keyWorkerId?: string }) => {
  const t = useT();
  const colleagues = useColleagues();
  const client = useLoad(
    (api) => api.GET('/clients/{clientId}', { params: { path: { clientId } } }).then(dataOf),
    [clientId],
  );
  const worker = keyWorkerId ?? client.data?.keyWorkerId;
  return (
    <p className="client-brief">
      <strong>{client.data ? clientLabel(client.data) : '…'}</strong> · {t('words.keyWorker')}:{' '}
      {worker ? (colleagues.data?.nameOf(worker) ?? '…') : t('words.noKeyWorker')}
    </p>
  );
};
