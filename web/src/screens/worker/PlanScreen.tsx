// The individual plan: goals in the client's words, time-bound steps, reviews and the version
// history. Every change sends the ETag the worker loaded; if someone else changed the plan
// meanwhile the API answers 412 and the form keeps what was typed until the worker reloads.
import { plans } from '@spolu/contracts';

import { needs as needList } from '@spolu/contracts';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { FormattedDate } from 'react-intl';
import { Link } from 'wouter';
import type { ApiResponse } from '../../api/client';
import { useApp, useIdempotencyKey, useLoad } from '../../api/context';
import { needName } from '../../i18n/values';
import { useLocale, useT } from '../../i18n/locale';
import { Field, ProblemAlert, SubmitButton, useSubmit } from '../../ui/form';
import { Await, Page } from '../../ui/page';
import { today } from './me';

interface Loaded {
  plan: plans.Plan;
  etag: string;
}
interface Change {
  loaded: Loaded;
  onSaved: () => void;
  onReload: () => void;
}

const usePlanChange = <S extends Parameters<typeof useSubmit>[0]>(
  schema: S,
  path: string,
  loaded: Loaded,
) => {
  const { api } = useApp();
  const [key, renewKey] = useIdempotencyKey();
  const s = useSubmit(schema, (body) =>
    api.request<plans.Plan>(`/plans/${loaded.plan.id}${path}`, {
      method: 'POST',
      body,
      ifMatch: loaded.etag,
      idempotencyKey: key,
    }),
  );
  return { ...s, renewKey };
};

const AgreedCheckbox = ({
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
        <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />{' '}
        {t('plan.agreed')}
      </label>
      {error && <p className="error">{error}</p>}
    </div>
  );
};

const AddGoal = ({ loaded, onSaved, onReload }: Change) => {
  const t = useT();
  const { locale } = useLocale();
  const [form, setForm] = useState({ text: '', need: '', targetDate: '', agreed: false });
  const { submit, errors, problem, saving, renewKey } = usePlanChange(plans.AddGoalBody, '/goals', loaded);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const res: ApiResponse<plans.Plan> | undefined = await submit({
      agreedWithClient: form.agreed || undefined,
      text: form.text,
      needCodes: form.need ? [form.need] : [],
      targetDate: form.targetDate,
    });
    if (!res) return;
    renewKey();
    setForm({ text: '', need: '', targetDate: '', agreed: false });
    onSaved();
  };
  return (
    <form onSubmit={onSubmit} noValidate className="card" aria-labelledby="add-goal">
      <h3 id="add-goal">{t('plan.addGoal')}</h3>
      <ProblemAlert error={problem} onReload={onReload} />
      <Field label={t('plan.goalText')} error={errors.text}>
        {(p) => (
          <textarea
            {...p}
            rows={2}
            value={form.text}
            onChange={(e) => setForm({ ...form, text: e.target.value })}
          />
        )}
      </Field>
      <Field label={t('plan.needs')} error={errors.needCodes}>
        {(p) => (
          <select {...p} value={form.need} onChange={(e) => setForm({ ...form, need: e.target.value })}>
            <option value="">—</option>
            {needList.map((n) => (
              <option key={n.code} value={n.code}>
                {needName(n.code, locale)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('plan.targetDate')} error={errors.targetDate}>
        {(p) => (
          <input
            {...p}
            type="date"
            value={form.targetDate}
            onChange={(e) => setForm({ ...form, targetDate: e.target.value })}
          />
        )}
      </Field>
      <AgreedCheckbox
        checked={form.agreed}
        onChange={(agreed) => setForm({ ...form, agreed })}
        error={errors.agreedWithClient}
      />
      <SubmitButton saving={saving} label={t('plan.addGoal')} />
    </form>
  );
};

const AddStep = ({ loaded, onSaved, onReload }: Change) => {
  const t = useT();
  const goals = loaded.plan.goals.filter((g) => g.status === 'active' || g.status === 'proposed');
  const [form, setForm] = useState({ goalId: '', text: '', assignee: 'client', dueDate: '', agreed: false });
  const { submit, errors, problem, saving, renewKey } = usePlanChange(plans.AddStepBody, '/steps', loaded);
  if (goals.length === 0) return null;
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await submit({
      agreedWithClient: form.agreed || undefined,
      goalId: form.goalId || goals[0]!.id,
      text: form.text,
      assignee: { kind: form.assignee },
      dueDate: form.dueDate,
    });
    if (!res) return;
    renewKey();
    setForm({ goalId: '', text: '', assignee: 'client', dueDate: '', agreed: false });
    onSaved();
  };
  return (
    <form onSubmit={onSubmit} noValidate className="card" aria-labelledby="add-step">
      <h3 id="add-step">{t('plan.addStep')}</h3>
      <ProblemAlert error={problem} onReload={onReload} />
      <Field label={t('plan.goals')} error={errors.goalId}>
        {(p) => (
          <select {...p} value={form.goalId} onChange={(e) => setForm({ ...form, goalId: e.target.value })}>
            {goals.map((g) => (
              <option key={g.id} value={g.id}>
                {g.text}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('plan.stepText')} error={errors.text}>
        {(p) => (
          <input {...p} value={form.text} onChange={(e) => setForm({ ...form, text: e.target.value })} />
        )}
      </Field>
      <Field label={t('plan.assignee')} error={errors['assignee.kind']}>
        {(p) => (
          <select
            {...p}
            value={form.assignee}
            onChange={(e) => setForm({ ...form, assignee: e.target.value })}
          >
            {(['client', 'worker'] as const).map((k) => (
              <option key={k} value={k}>
                {t(`plan.assignee.${k}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('plan.dueDate')} error={errors.dueDate}>
        {(p) => (
          <input
            {...p}
            type="date"
            value={form.dueDate}
            onChange={(e) => setForm({ ...form, dueDate: e.target.value })}
          />
        )}
      </Field>
      <AgreedCheckbox
        checked={form.agreed}
        onChange={(agreed) => setForm({ ...form, agreed })}
        error={errors.agreedWithClient}
      />
      <SubmitButton saving={saving} label={t('plan.addStep')} />
    </form>
  );
};

const progressLevels = ['none', 'some', 'substantial', 'complete'] as const;
const goalStatuses = ['active', 'achieved', 'partly-achieved', 'not-achieved', 'dropped'] as const;

const AddReview = ({ loaded, onSaved, onReload }: Change) => {
  const t = useT();
  const goals = loaded.plan.goals.filter((g) => g.cycle === loaded.plan.cycle);
  const [heldOn, setHeldOn] = useState(today);
  const [agreed, setAgreed] = useState(false);
  const [perGoal, setPerGoal] = useState<Record<string, { progress: string; newStatus: string }>>({});
  const { submit, errors, problem, saving, renewKey } = usePlanChange(
    plans.RecordReviewBody,
    '/reviews',
    loaded,
  );
  if (goals.length === 0) return null;
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await submit({
      agreedWithClient: agreed || undefined,
      heldOn,
      goals: goals.map((g) => ({
        goalId: g.id,
        progress: perGoal[g.id]?.progress ?? 'some',
        newStatus: perGoal[g.id]?.newStatus || undefined,
      })),
    });
    if (!res) return;
    renewKey();
    setPerGoal({});
    setAgreed(false);
    onSaved();
  };
  return (
    <form onSubmit={onSubmit} noValidate className="card" aria-labelledby="add-review">
      <h3 id="add-review">{t('plan.addReview')}</h3>
      <ProblemAlert error={problem} onReload={onReload} />
      <Field label={t('plan.heldOn')} error={errors.heldOn}>
        {(p) => <input {...p} type="date" value={heldOn} onChange={(e) => setHeldOn(e.target.value)} />}
      </Field>
      {goals.map((g, i) => (
        <fieldset key={g.id}>
          <legend>{g.text}</legend>
          <div className="row">
            <Field label={t('plan.progress')} error={errors[`goals[${i}].progress`]}>
              {(p) => (
                <select
                  {...p}
                  value={perGoal[g.id]?.progress ?? 'some'}
                  onChange={(e) =>
                    setPerGoal({
                      ...perGoal,
                      [g.id]: { newStatus: '', ...perGoal[g.id], progress: e.target.value },
                    })
                  }
                >
                  {progressLevels.map((k) => (
                    <option key={k} value={k}>
                      {t(`progress.${k}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('plan.newStatus')} error={errors[`goals[${i}].newStatus`]}>
              {(p) => (
                <select
                  {...p}
                  value={perGoal[g.id]?.newStatus ?? ''}
                  onChange={(e) =>
                    setPerGoal({
                      ...perGoal,
                      [g.id]: { progress: 'some', ...perGoal[g.id], newStatus: e.target.value },
                    })
                  }
                >
                  <option value="">{t('plan.keepStatus')}</option>
                  {goalStatuses.map((k) => (
                    <option key={k} value={k}>
                      {t(`goal.${k}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
        </fieldset>
      ))}
      <AgreedCheckbox checked={agreed} onChange={setAgreed} error={errors.agreedWithClient} />
      <SubmitButton saving={saving} label={t('plan.addReview')} />
    </form>
  );
};

interface VersionSummary {
  version: number;
  at: string;
  by: string;
  change: string;
}
interface Diff {
  changes: { path: string; op: string; from?: unknown; to?: unknown }[];
}

const History = ({ plan }: { plan: plans.Plan }) => {
  const t = useT();
  const versions = useLoad(
    (api) => api.get<{ items: VersionSummary[] }>(`/plans/${plan.id}/versions`, { limit: 50 }),
    [plan.id, plan.version],
  );
  const [shown, setShown] = useState<number>();
  const diff = useLoad(
    (api) =>
      shown && shown > 1
        ? api.get<Diff>(`/plans/${plan.id}/diff`, { from: shown - 1, to: shown })
        : Promise.resolve({ changes: [] }),
    [plan.id, shown],
  );
  return (
    <section aria-labelledby="history">
      <h2 id="history">{t('plan.history')}</h2>
      <Await loaded={versions}>
        {(v) => (
          <ol className="timeline" reversed>
            {v.items.map((item) => (
              <li key={item.version}>
                <button
                  type="button"
                  className="link"
                  aria-expanded={shown === item.version}
                  onClick={() => setShown(item.version)}
                >
                  {t('plan.version', { version: item.version })}
                </button>{' '}
                {item.change} · <FormattedDate value={item.at} dateStyle="medium" timeStyle="short" />
                {shown === item.version && diff.data && (
                  <ul className="diff" aria-label={t('plan.diff')}>
                    {diff.data.changes.map((c) => (
                      <li key={c.path}>
                        <code>{c.path}</code> {c.op}:{' '}
                        {c.from !== undefined ? <del>{JSON.stringify(c.from)}</del> : null}{' '}
                        {c.to !== undefined ? <ins>{JSON.stringify(c.to)}</ins> : null}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>
        )}
      </Await>
    </section>
  );
};

export const PlanScreen = ({ planId }: { planId: string }) => {
  const t = useT();
  const { locale } = useLocale();
  const loaded = useLoad(
    async (api) => {
      const res = await api.request<plans.Plan>(`/plans/${planId}`);
      return { plan: res.body, etag: res.etag ?? '' };
    },
    [planId],
  );
  return (
    <Await loaded={loaded}>
      {(data) => {
        const { plan } = data;
        const change = { loaded: data, onSaved: loaded.reload, onReload: loaded.reload };
        return (
          <Page
            title={t('plan.title')}
            actions={<Link href={`/clients/${plan.clientId}`}>{t('file.title')}</Link>}
          >
            <p>
              {t('plan.version', { version: plan.version })} · {t('plan.overallGoal')}:{' '}
              {plan.overallGoal ?? '—'}
            </p>
            <h2>{t('plan.goals')}</h2>
            {plan.goals.length === 0 ? (
              <p>{t('app.none')}</p>
            ) : (
              <ul className="cards">
                {plan.goals.map((g) => (
                  <li key={g.id} className="card">
                    <strong>{g.text}</strong>{' '}
                    <span className={`badge goal-${g.status}`}>{t(`goal.${g.status}`)}</span>
                    <br />
                    {g.needCodes.map((c) => needName(c, locale)).join(', ')} · {t('plan.targetDate')}{' '}
                    <FormattedDate value={g.targetDate} />
                    <ul>
                      {plan.steps
                        .filter((s) => s.goalId === g.id)
                        .map((s) => (
                          <li key={s.id}>
                            {s.done ? '✓ ' : ''}
                            {s.text} ({t(`plan.assignee.${s.assignee.kind}`)},{' '}
                            <FormattedDate value={s.dueDate} />)
                          </li>
                        ))}
                    </ul>
                  </li>
                ))}
              </ul>
            )}
            {plan.status === 'open' && (
              <div className="grid">
                <AddGoal {...change} />
                <AddStep {...change} />
                <AddReview {...change} />
              </div>
            )}
            <History plan={plan} />
          </Page>
        );
      }}
    </Await>
  );
};
