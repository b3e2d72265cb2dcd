// Adding a worker, or changing one's roles, services and whether they are active. The same form
// for both: a new worker needs name and e-mail, an existing one sends only what changed.
import { dataOf } from '@spolu/client';
import type { directory } from '@spolu/contracts';
import { directory as d } from '@spolu/contracts';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useApp, useIdempotencyKey } from '../../api/context';
import type { MessageId } from '../../i18n/cs';
import { useT } from '../../i18n/locale';
import { Field, ProblemAlert, SubmitButton, useSubmit } from '../../ui/form';
import { ChoiceGroup } from '../worker/clientRecords';

const roles = d.StaffRole.options;

export const WorkerForm = ({
  worker,
  services,
  onSaved,
}: {
  worker?: directory.Worker;
  services: directory.Service[];
  onSaved: (saved: directory.Worker) => void;
}) => {
  const t = useT();
  const { api } = useApp();
  const [key, renewKey] = useIdempotencyKey();
  const [form, setForm] = useState({
    name: worker?.name ?? '',
    email: worker?.email ?? '',
    roles: worker?.roles ?? (['worker'] as string[]),
    serviceIds: worker?.serviceIds ?? [],
    active: worker?.active ?? true,
  });
  const toggle = (list: string[], value: string) =>
    list.includes(value) ? list.filter((x) => x !== value) : [...list, value];
  // Adding and changing are different bodies on different routes: one submission each, the
  // change only ever sent for the worker being edited.
  const add = useSubmit(d.AddWorkerBody, (body) =>
    api.POST('/workers', { params: { header: { 'idempotency-key': key } }, body }).then(dataOf),
  );
  const change = useSubmit(d.UpdateWorkerBody, (body) =>
    api
      .PATCH('/workers/{workerId}', {
        params: { path: { workerId: worker!.id }, header: { 'if-match': `"${worker!.version}"` } },
        body,
      })
      .then(dataOf),
  );
  const { errors, problem, saving } = worker ? change : add;
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const res = worker
      ? await change.submit({ roles: form.roles, serviceIds: form.serviceIds, active: form.active })
      : await add.submit({
          name: form.name,
          email: form.email,
          roles: form.roles,
          serviceIds: form.serviceIds,
        });
    if (!res) return;
    if (!worker) {
      renewKey();
      setForm({ name: '', email: '', roles: ['worker'], serviceIds: [], active: true });
    }
    onSaved(res);
  };
  const title = worker ? t('admin.worker.editOf', { name: worker.name }) : t('admin.worker.add');
  return (
    <form onSubmit={onSubmit} noValidate className="card" aria-label={title}>
      <h3>{title}</h3>
      <ProblemAlert error={problem} />
      {!worker && (
        <div className="row">
          <Field label={t('admin.worker.name')} error={errors.name}>
            {(p) => (
              <input {...p} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
            )}
          </Field>
          <Field label={t('admin.worker.email')} error={errors.email}>
            {(p) => (
              <input
                {...p}
                type="email"
                autoComplete="off"
                value={form.email}
                onChange={(e) => setForm({ ...form, email: e.target.value })}
              />
            )}
          </Field>
        </div>
      )}
      <ChoiceGroup legend={t('admin.worker.roles')} error={errors.roles}>
        {roles.map((r) => (
          <label key={r} className="choice">
            <input
              type="checkbox"
              checked={form.roles.includes(r)}
              onChange={() => setForm({ ...form, roles: toggle(form.roles, r) })}
            />{' '}
            {t(`admin.worker.role.${r}` as MessageId)}
          </label>
        ))}
      </ChoiceGroup>
      <ChoiceGroup legend={t('admin.worker.services')} error={errors.serviceIds}>
        {services.map((s) => (
          <label key={s.id} className="choice">
            <input
              type="checkbox"
              checked={form.serviceIds.includes(s.id)}
              onChange={() => setForm({ ...form, serviceIds: toggle(form.serviceIds, s.id) })}
            />{' '}
            {s.name}
          </label>
        ))}
      </ChoiceGroup>
      {worker && (
        <label className="choice">
          <input
            type="checkbox"
            checked={form.active}
            onChange={(e) => setForm({ ...form, active: e.target.checked })}
          />{' '}
          {t('admin.worker.activeLabel')}
        </label>
      )}
      <SubmitButton saving={saving} label={worker ? t('app.save') : t('admin.worker.add')} />
    </form>
  );
};
