// Gaps in the service network: demand (clients with a need assessed) against the services that
// take it, per need, district, target group and age band. Opens on the last complete quarter; the
// period applies on Enter or on leaving the field; hidden demand reads "skryto".
import { dataOf } from '@spolu/client';
import type { RegionCode } from '@spolu/contracts';
import { AgeBand, districtsOf } from '@spolu/contracts';
import { useState } from 'react';
import { useApp, useLoad } from '../../api/context';
import { ageBandName, needName, targetGroupName } from '../../i18n/values';
import { useLocale, useT } from '../../i18n/locale';
import { Field } from '../../ui/form';
import { Await, Page } from '../../ui/page';
import { Hidden, PeriodForm, ScrollRegion } from './parts';
import { defaultPeriod } from './period';

/** Days of waiting from which every service of a gap counts as overloaded (the API's default). */
const overloadedWaitingDays = 30;

export default function Gaps() {
  const t = useT();
  const { locale } = useLocale();
  const { config } = useApp();
  const [period, setPeriod] = useState(defaultPeriod);
  const [ageBand, setAgeBand] = useState<AgeBand>();
  const report = useLoad(
    (api) =>
      api.GET('/stats/gaps', { params: { query: { period, ageBand, overloadedWaitingDays } } }).then(dataOf),
    [period, ageBand],
  );
  const districts = districtsOf(config.region as RegionCode);
  return (
    <Page title={t('stats.gapsTitle')}>
      <PeriodForm period={period} onApply={setPeriod} />
      <Field label={t('dim.ageBand')}>
        {(p) => (
          <select
            {...p}
            value={ageBand ?? ''}
            onChange={(e) => setAgeBand(AgeBand.options.find((b) => b === e.target.value))}
          >
            <option value="">—</option>
            {AgeBand.options.map((b) => (
              <option key={b} value={b}>
                {b}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Await loaded={report}>
        {(data) => (
          <>
            <p className="hint">
              {t('coordinator.gapsDefinition', { days: overloadedWaitingDays, threshold: data.threshold })}
            </p>
            <ScrollRegion label={t('coordinator.gapsRegion')}>
              <table>
                <caption className="visually-hidden">
                  {t('stats.gapsTitle')} · {data.period}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('dim.need')}</th>
                    <th scope="col">{t('dim.district')}</th>
                    <th scope="col">{t('dim.targetGroup')}</th>
                    <th scope="col">{t('dim.ageBand')}</th>
                    <th scope="col">{t('stats.demand')}</th>
                    <th scope="col">{t('nav.services')}</th>
                    <th scope="col">{t('services.waitingDays')}</th>
                    <th scope="col">{t('webhooks.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((g) => (
                    <tr
                      key={`${g.need}-${g.district}-${g.targetGroup}-${g.ageBand}`}
                      className={`gap-${g.status}`}
                    >
                      <td>{needName(g.need, locale)}</td>
                      <td>{districts.find((d) => d.code === g.district)?.name ?? g.district}</td>
                      <td>{targetGroupName(g.targetGroup, locale)}</td>
                      <td>{ageBandName(g.ageBand)}</td>
                      {g.demand.value === null ? (
                        <td className="suppressed">
                          <Hidden />
                        </td>
                      ) : (
                        <td className="num">{g.demand.value}</td>
                      )}
                      <td className="num">
                        {g.acceptingServices}/{g.services}
                      </td>
                      <td className="num">{g.minWaitingDays ?? '—'}</td>
                      <td>
                        <span className={`badge gap-${g.status}`}>{t(`stats.gap.${g.status}`)}</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          </>
        )}
      </Await>
    </Page>
  );
}
