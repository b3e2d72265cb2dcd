// The provider's workers: who they are, their roles and services; the admin adds and edits them.
import type { directory } from '@spolu/contracts';
import { useState } from 'react';
import { dataOf } from '@spolu/client';
import { useLoad, useSession } from '../../api/context';
import type { MessageId } from '../../i18n/cs';
import { useT } from '../../i18n/locale';
import { Await, Page } from '../../ui/page';
import { SavedNote } from '../worker/clientRecords';
import { WorkerForm } from './WorkerForm';

export const Workers = () => {
  const t = useT();
  const session = useSession();
  const list = useLoad(async (api) => {
    const [workers, services] = await Promise.all([
      api.GET('/workers', { params: { query: { limit: 100 } } }),
      api.GET('/services', { params: { query: { providerId: session.tenantId, limit: 100 } } }),
    ]);
    return { workers: dataOf(workers).items, services: dataOf(services).items };
  }, []);
  const [editing, setEditing] = useState<string>();
  const [saved, setSaved] = useState<string>();
  const onSaved = (w: directory.Worker) => {
    setEditing(undefined);
    setSaved(`${t('admin.worker.saved')} ${t('admin.worker.signInNote', { id: w.id })}`);
    list.reload();
  };
  return (
    <Page title={t('workers.title')}>
      <SavedNote message={saved} />
      <Await loaded={list}>
        {({ workers, services }) => (
          <>
            <div className="table-scroll" tabIndex={0} role="region" aria-label={t('workers.title')}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('register.name')}</th>
                    <th scope="col">{t('admin.worker.email')}</th>
                    <th scope="col">{t('workers.roles')}</th>
                    <th scope="col">{t('admin.worker.services')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('admin.worker.edit')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {workers.map((w) => (
                    <tr key={w.id}>
                      <td>
                        {w.name}
                        {!w.active && <span className="badge"> {t('admin.worker.inactive')}</span>}
                      </td>
                      <td>{w.email}</td>
                      <td>{w.roles.map((r) => t(`admin.worker.role.${r}` as MessageId)).join(', ')}</td>
                      <td>
                        {w.serviceIds.map((id) => services.find((s) => s.id === id)?.name ?? id).join(', ')}
                      </td>
                      <td>
                        <button
                          type="button"
                          className="link"
                          aria-label={t('admin.worker.editOf', { name: w.name })}
                          onClick={() => setEditing(w.id)}
                        >
                          {t('admin.worker.edit')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {editing && (
              <WorkerForm
                key={editing}
                worker={workers.find((w) => w.id === editing)}
                services={services}
                onSaved={onSaved}
              />
            )}
            <WorkerForm services={services} onSaved={onSaved} />
          </>
        )}
      </Await>
    </Page>
  );
};
