import type { directory } from '@spolu/contracts';

import { useLoad } from '../../api/context';
import { useT } from '../../i18n/locale';
import { Await, Page } from '../../ui/page';

export const Workers = () => {
  const t = useT();
  const list = useLoad((api) => api.get<{ items: directory.Worker[] }>('/workers', { limit: 100 }), []);
  return (
    <Page title={t('workers.title')}>
      <Await loaded={list}>
        {(data) => (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('register.name')}</th>
                <th scope="col">E-mail</th>
                <th scope="col">{t('workers.roles')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((w) => (
                <tr key={w.id}>
                  <td>{w.name}</td>
                  <td>{w.email}</td>
                  <td>{w.roles.join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Await>
    </Page>
  );
};
