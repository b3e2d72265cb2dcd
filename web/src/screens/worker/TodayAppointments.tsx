// Today's appointments on the worklist: what the signed-in worker booked for today (the worker's
// local day), across all clients, earliest first, each with the client and a way into the file.
// A phone arrangement with an unnamed person has no file: its details, attendance and the no-show
// proposal are here.
import { dataOf } from '@spolu/client';
import type { intake } from '@spolu/contracts';

import { useMemo, useState } from 'react';
import { FormattedTime } from 'react-intl';
import { Link } from 'wouter';
import { useLoad, useSession } from '../../api/context';
import { useT } from '../../i18n/locale';
import { Await } from '../../ui/page';
import { usePagedList } from '../../api/paged';
import { clientLabel } from './labels';
import { AttendanceForm } from './Appointments';
import { NoShowProposalView, PhoneArrangementFacts } from './PhoneArrangement';

const UnnamedArrangement = ({
  arrangement: a,
  onChanged,
}: {
  arrangement: intake.Appointment;
  onChanged: () => void;
}) => {
  const t = useT();
  const [recording, setRecording] = useState(false);
  return (
    <>
      <PhoneArrangementFacts arrangement={a.phoneArrangement} />
      {a.noShowProposal && <NoShowProposalView proposal={a.noShowProposal} unnamed />}
      {a.attendance === 'scheduled' &&
        (recording ? (
          <AttendanceForm
            appointment={a}
            onCancel={() => setRecording(false)}
            onDone={(message) => {
              if (message) setRecording(false);
              onChanged();
            }}
          />
        ) : (
          <button type="button" onClick={() => setRecording(true)}>
            {t('appointments.recordAttendance')}
          </button>
        ))}
    </>
  );
};

/** Midnight to midnight where the worker is, as instants for the API. */
const localDay = () => {
  const start = new Date();
  start.setHours(0, 0, 0, 0);
  const end = new Date(start);
  end.setDate(end.getDate() + 1);
  return { from: start.toISOString(), to: end.toISOString() };
};

export const TodayAppointments = () => {
  const t = useT();
  const session = useSession();
  const day = useMemo(localDay, []);
  const list = usePagedList(
    (a, page) => a.GET('/appointments', { params: { query: { ...day, workerId: session.userId, ...page } } }),
    [day, session.userId],
    25,
  );
  const clientIds = [...new Set(list.data?.items.flatMap((a) => (a.clientId ? [a.clientId] : [])) ?? [])];
  // The appointment carries only the client's id; a day holds a handful, so each is read once.
  const clients = useLoad(
    async (api) =>
      new Map(
        await Promise.all(
          clientIds.map(async (clientId) => {
            const client = await api.GET('/clients/{clientId}', { params: { path: { clientId } } });
            return [clientId, dataOf(client)] as const;
          }),
        ),
      ),
    [clientIds.join(',')],
  );
  return (
    <section aria-labelledby="today-appointments">
      <h2 id="today-appointments">{t('intakeWork.today.title')}</h2>
      <Await loaded={list}>
        {({ items }) =>
          items.length === 0 ? (
            <p>{t('intakeWork.today.none')}</p>
          ) : (
            <ul className="cards">
              {items.map((a) => {
                if (!a.clientId)
                  return (
                    <li key={a.id} className="card">
                      <strong>
                        <time dateTime={a.scheduledAt}>
                          <FormattedTime value={a.scheduledAt} />
                        </time>
                      </strong>{' '}
                      {t('fieldWork.unnamedPerson')} · {t(`appointments.kind.${a.kind}`)} ·{' '}
                      {a.place.fieldPlace ?? t(`contact.place.${a.place.kind}`)} ·{' '}
                      {t('records.minutes', { minutes: a.durationMinutes })}
                      {a.attendance !== 'scheduled' && <> · {t(`appointments.attendance.${a.attendance}`)}</>}
                      <UnnamedArrangement arrangement={a} onChanged={() => list.reload()} />
                    </li>
                  );
                const client = clients.data?.get(a.clientId);
                return (
                  <li key={a.id} className="card">
                    <strong>
                      <time dateTime={a.scheduledAt}>
                        <FormattedTime value={a.scheduledAt} />
                      </time>
                    </strong>{' '}
                    {client ? clientLabel(client) : '…'} · {t(`appointments.kind.${a.kind}`)} ·{' '}
                    {a.place.fieldPlace ?? t(`contact.place.${a.place.kind}`)} ·{' '}
                    {t('records.minutes', { minutes: a.durationMinutes })}
                    {a.attendance !== 'scheduled' && (
                      <> · {t(`appointments.attendance.${a.attendance}`)}</>
                    )}{' '}
                    <Link href={`/clients/${a.clientId}`}>{t('intakeWork.today.openFile')}</Link>
                  </li>
                );
              })}
            </ul>
          )
        }
      </Await>
      {list.more}
    </section>
  );
};
