// Adding a worker, or changing one's roles, services and whether they are active. The same form
// for both: a new worker needs name and e-mail, an existing one sends only what changed.
import { dataOf } from '@spolu/client';
import type { directory } from '@spolu/contracts';
import { directory as d } from '@spolu/contracts';
import { useApp, useIdempotencyKey } from '../../api/context';
import { contract, toggle, useContractForm } from '../../forms/useContractForm';
import type { MessageId } from '../../i18n/cs';
import { useT } from '../../i18n/locale';
import { Field, ProblemAlert, SubmitButton } from '../../ui/form';
import { ChoiceGroup } from '../worker/clientRecords';

const roles = d.StaffRole.options;

interface WorkerValues {
  name: string;
  email: string;
  roles: string[];
  serviceIds: string[];
  active: boolean;
}

// Adding and changing are different bodies on different routes; the change only ever sent for
// the worker being edited.
const added = ({ name, email, roles, serviceIds }: WorkerValues) => ({ name, email, roles, serviceIds });
const changed = ({ roles, serviceIds, active }: WorkerValues) => ({ roles, serviceIds, active });

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
  const { form, errors, problem, saving, onSubmit, field } = useContractForm({
    defaultValues: {
      name: worker?.name ?? '',
      email: worker?.email ?? '',
      roles: worker?.roles ?? ['worker'],
      serviceIds: worker?.serviceIds ?? [],
      active: worker?.active ?? true,
    } satisfies WorkerValues,
    contract: worker
      ? contract(d.UpdateWorkerBody, changed, (body) =>
          api
            .PATCH('/workers/{workerId}', {
              params: { path: { workerId: worker.id }, header: { 'if-match': `"${worker.version}"` } },
              body,
            })
            .then(dataOf),
        )
      : contract(d.AddWorkerBody, added, (body) =>
          api.POST('/workers', { params: { header: { 'idempotency-key': key } }, body }).then(dataOf),
        ),
    onSaved: (saved: directory.Worker, f) => {
      if (!worker) {
        renewKey();
        f.reset();
      }
      onSaved(saved);
    },
  });
  const chosenRoles = field('roles');
  const chosenServices = field('serviceIds');
  const title = worker ? t('admin.worker.editOf', { name: worker.name }) : t('admin.worker.add');
  return (
    <form onSubmit={onSubmit} noValidate className="card" aria-label={title}>
      <h3>{title}</h3>
      <ProblemAlert error={problem} />
      {!worker && (
        <div className="row">
          <Field label={t('admin.worker.name')} error={errors.name}>
            {(p) => <input {...p} {...form.register('name')} />}
          </Field>
          <Field label={t('admin.worker.email')} error={errors.email}>
            {(p) => <input {...p} type="email" autoComplete="off" {...form.register('email')} />}
          </Field>
        </div>
      )}
      <ChoiceGroup legend={t('admin.worker.roles')} error={errors.roles}>
        {roles.map((r) => (
          <label key={r} className="choice">
            <input
              type="checkbox"
              checked={chosenRoles.value.includes(r)}
              onChange={() => chosenRoles.onChange(toggle(chosenRoles.value, r))}
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
              checked={chosenServices.value.includes(s.id)}
              onChange={() => chosenServices.onChange(toggle(chosenServices.value, s.id))}
            />{' '}
            {s.name}
          </label>
        ))}
      </ChoiceGroup>
      {worker && (
        <label className="choice">
          <input type="checkbox" {...form.register('active')} /> {t('admin.worker.activeLabel')}
        </label>
      )}
      <SubmitButton saving={saving} label={worker ? t('app.save') : t('admin.worker.add')} />
    </form>
  );
};
