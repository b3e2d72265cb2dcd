// What every change of a plan shares: it sends the ETag the worker loaded (If-Match), a create
// also an Idempotency-Key, and the body says the change was agreed with the client (000).
import type { plans } from '@spolu/contracts';
import { createContext, useContext } from 'react';
import { useApp, useIdempotencyKey } from '../../../api/context';
import { useT } from '../../../i18n/locale';
import { useSubmit } from '../../../ui/form';

export interface LoadedPlan {
  plan: plans.Plan;
  etag: string;
}
/** Props of every form on the plan screen. */
export interface PlanChangeProps {
  loaded: LoadedPlan;
  onSaved: () => void;
  onReload: () => void;
}

/** Takes the plan a change answered as the loaded one (with its new ETag): a worker saving two
 * sections in a row must not send the first one's old ETag while the screen reloads. */
export const PlanSavedContext = createContext<(saved: LoadedPlan) => void>(() => undefined);

/** `R`: what the route answers, e.g. plans.PlanWithCreated for a route that adds to the plan. */
export const usePlanChange = <S extends Parameters<typeof useSubmit>[0], R extends plans.Plan = plans.Plan>(
  schema: S,
  path: string,
  loaded: LoadedPlan,
  method: 'POST' | 'PUT' | 'PATCH' = 'POST',
) => {
  const { api } = useApp();
  const [key, renewKey] = useIdempotencyKey();
  const saved = useContext(PlanSavedContext);
  const s = useSubmit(schema, async (body) => {
    const res = await api.request<R>(`/plans/${loaded.plan.id}${path}`, {
      method,
      body,
      ifMatch: loaded.etag,
      idempotencyKey: method === 'POST' ? key : undefined,
    });
    if (res.etag) saved({ plan: res.body, etag: res.etag });
    return res;
  });
  return { ...s, renewKey };
};

export const AgreedCheckbox = ({
  checked,
  onChange,
  error,
}: {
  checked: boolean;
  onChange: (v: boolean) => void;
  error?: string;
}) => {
  const t = useT();
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label className="choice">
        <input
          type="checkbox"
          checked={checked}
          aria-invalid={error ? true : undefined}
          onChange={(e) => onChange(e.target.checked)}
        />{' '}
        {t('plan.agreed')}
      </label>
      {error && <p className="error">{error}</p>}
    </div>
  );
};
