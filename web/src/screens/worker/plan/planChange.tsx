// What every change of a plan shares: it sends the ETag the worker loaded (If-Match), a create
// also an Idempotency-Key, and the body says the change was agreed with the client (000).
import type { components } from '@spolu/client';
import { createContext, useContext } from 'react';
import type * as z from 'zod';
import type { Api } from '../../../api/client';
import { withEtag } from '../../../api/client';
import { useApp, useIdempotencyKey } from '../../../api/context';
import { useT } from '../../../i18n/locale';
import { useSubmit } from '../../../ui/form';

type Plan = components['schemas']['Plan'];

/** The plan as the API answered it, with its ETag. */
export interface LoadedPlan {
  plan: Plan;
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

/** The plan's id and the headers of a change to it: If-Match with the loaded ETag, and the form's
 * Idempotency-Key (a create's retry reuses it; the other routes take none and ignore it). */
interface PlanChangeParams {
  path: { planId: string };
  header: { 'if-match': string; 'idempotency-key': string };
}

/** A change of the loaded plan: `send` makes the route's call, e.g.
 * `(api, body, params) => api.POST('/plans/{planId}/goals', { params, body })`; the plan it answers
 * (e.g. with `createdId` for a route that adds to the plan) is what `submit` gives. */
export const usePlanChange = <S extends z.ZodType, Answer extends Plan>(
  schema: S,
  loaded: LoadedPlan,
  send: (
    api: Api,
    body: z.output<S>,
    params: PlanChangeParams,
  ) => Promise<{ data?: Answer; response: Response }>,
) => {
  const { api } = useApp();
  const [key, renewKey] = useIdempotencyKey();
  const saved = useContext(PlanSavedContext);
  const s = useSubmit(schema, async (body) => {
    const params = {
      path: { planId: loaded.plan.id },
      header: { 'if-match': loaded.etag, 'idempotency-key': key },
    };
    const { body: plan, etag } = withEtag(await send(api, body, params));
    if (etag) saved({ plan, etag });
    return plan;
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
