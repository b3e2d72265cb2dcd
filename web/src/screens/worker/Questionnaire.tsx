// The intake questionnaire (in-come dotazník, document 001): the worker picks one of the
// provider's templates, fills it with the client question by question (choices, numbers, how long,
// free text) and sees the questionnaires filled before with their answers. Answers are checked in
// the browser against the same template version the API checks them against, so a missing
// required answer is marked before anything is sent; the API's verdict still lands by the question.
import { dataOf } from '@spolu/client';
import { intake } from '@spolu/contracts';

import type { FormEvent, ReactNode } from 'react';
import { useState } from 'react';
import { FormattedMessage } from 'react-intl';
import type * as z from 'zod';
import { useApp, useIdempotencyKey, useLoad } from '../../api/context';
import type { T } from '../../i18n/locale';
import { useT } from '../../i18n/locale';
import { Field, ProblemAlert, SubmitButton, useSubmit } from '../../ui/form';
import { Await } from '../../ui/page';
import { Check, ChoiceGroup, ClientRecordPage, SavedNote, useRecords, When } from './clientRecords';
import { useMyServices } from './me';

type Template = intake.QuestionnaireTemplate;
type Question = intake.Question;
type Answer = intake.Answer;
type Duration = z.infer<typeof intake.DurationAnswer>;
const units = intake.DurationAnswer.shape.unit.options;

/** What the inputs hold while the worker types: numbers stay text until sent. */
type Draft = Record<string, string | string[] | { amount: string; unit: Duration['unit'] }>;

const toAnswer = (q: Question, d: Draft[string] | undefined): Answer | undefined => {
  if (d === undefined) return undefined;
  switch (q.type) {
    case 'multi-choice':
      return Array.isArray(d) && d.length > 0 ? d : undefined;
    case 'number':
      return typeof d === 'string' && d.trim() !== '' ? Number(d.replace(',', '.')) : undefined;
    case 'duration':
      return typeof d === 'object' && !Array.isArray(d) && d.amount.trim() !== ''
        ? { amount: Number(d.amount), unit: d.unit }
        : undefined;
    default:
      return typeof d === 'string' && d.trim() !== '' ? d : undefined;
  }
};

/** The contract's body schema plus the template's own questions: required answers, option
 * counts, number ranges and text lengths, each error on `answers.<code>` like the API's. */
const answersSchema = (template: Template, t: T) =>
  intake.SubmitQuestionnaireBody.superRefine((body, ctx) => {
    for (const q of template.questions) {
      const a = body.answers[q.code];
      const fail = (message: string) => ctx.addIssue({ code: 'custom', path: ['answers', q.code], message });
      if (a === undefined) {
        if (q.required) fail(t('intakeWork.q.required'));
        continue;
      }
      if (q.type === 'number') {
        if (typeof a !== 'number' || !Number.isFinite(a)) fail(t('intakeWork.q.number'));
        else if (q.integer && !Number.isInteger(a)) fail(t('intakeWork.q.wholeNumber'));
        else if (q.min !== undefined && a < q.min) fail(t('intakeWork.q.atLeast', { min: q.min }));
        else if (q.max !== undefined && a > q.max) fail(t('intakeWork.q.atMost', { max: q.max }));
      }
      if (q.type === 'duration' && typeof a === 'object' && !Array.isArray(a) && !Number.isInteger(a.amount))
        fail(t('intakeWork.q.wholeNumber'));
      if (
        q.type === 'multi-choice' &&
        Array.isArray(a) &&
        q.maxChoices !== undefined &&
        a.length > q.maxChoices
      )
        fail(t('intakeWork.q.maxChoices', { max: q.maxChoices }));
      if (q.type === 'text' && typeof a === 'string' && a.length > q.maxLength)
        fail(t('intakeWork.q.tooLong', { max: q.maxLength }));
    }
  });

const QuestionInput = ({
  q,
  value,
  onChange,
  error,
}: {
  q: Question;
  value: Draft[string] | undefined;
  onChange: (v: Draft[string]) => void;
  error?: string;
}) => {
  const t = useT();
  const label = q.required ? q.label : `${q.label} ${t('app.optional')}`;
  switch (q.type) {
    case 'single-choice':
      return (
        <ChoiceGroup legend={label} error={error}>
          {q.options.map((o) => (
            <label key={o.code} className="choice">
              <input
                type="radio"
                name={`q-${q.code}`}
                value={o.code}
                checked={value === o.code}
                onChange={() => onChange(o.code)}
              />{' '}
              {o.label}
            </label>
          ))}
        </ChoiceGroup>
      );
    case 'multi-choice': {
      const chosen = Array.isArray(value) ? value : [];
      return (
        <ChoiceGroup
          legend={label}
          error={error}
          hint={q.maxChoices !== undefined ? t('intakeWork.q.maxChoices', { max: q.maxChoices }) : undefined}
          columns
        >
          {q.options.map((o) => (
            <Check
              key={o.code}
              label={o.label}
              checked={chosen.includes(o.code)}
              onChange={(on) => onChange(on ? [...chosen, o.code] : chosen.filter((c) => c !== o.code))}
            />
          ))}
        </ChoiceGroup>
      );
    }
    case 'number':
      return (
        <Field label={q.unit ? `${label} (${q.unit})` : label} error={error}>
          {(p) => (
            <input
              {...p}
              inputMode={q.integer ? 'numeric' : 'decimal'}
              value={typeof value === 'string' ? value : ''}
              onChange={(e) => onChange(e.target.value)}
            />
          )}
        </Field>
      );
    case 'duration': {
      const d =
        value && typeof value === 'object' && !Array.isArray(value)
          ? value
          : { amount: '', unit: 'years' as const };
      return (
        <ChoiceGroup legend={label} error={error}>
          <div className="duration">
            <Field label={t('intakeWork.q.amount')}>
              {(p) => (
                <input
                  {...p}
                  inputMode="numeric"
                  size={5}
                  value={d.amount}
                  onChange={(e) => onChange({ ...d, amount: e.target.value })}
                />
              )}
            </Field>
            <Field label={t('intakeWork.q.unit')}>
              {(p) => (
                <select
                  {...p}
                  value={d.unit}
                  onChange={(e) => onChange({ ...d, unit: e.target.value as Duration['unit'] })}
                >
                  {units.map((u) => (
                    <option key={u} value={u}>
                      {t(`intakeWork.q.unit.${u}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
        </ChoiceGroup>
      );
    }
    case 'text':
      return (
        <Field label={label} error={error}>
          {(p) => (
            <textarea
              {...p}
              rows={3}
              maxLength={q.maxLength}
              value={typeof value === 'string' ? value : ''}
              onChange={(e) => onChange(e.target.value)}
            />
          )}
        </Field>
      );
  }
};

const FillForm = ({
  clientId,
  template,
  onSaved,
}: {
  clientId: string;
  template: Template;
  onSaved: () => void;
}) => {
  const t = useT();
  const { api } = useApp();
  const [draft, setDraft] = useState<Draft>({});
  const [key, renewKey] = useIdempotencyKey();
  const schema = answersSchema(template, t);
  const { submit, errors, problem, saving } = useSubmit(schema, (body) =>
    api.POST('/clients/{clientId}/questionnaires', {
      params: { path: { clientId }, header: { 'idempotency-key': key } },
      body,
    }),
  );
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const answers: Record<string, Answer> = {};
    for (const q of template.questions) {
      const a = toAnswer(q, draft[q.code]);
      if (a !== undefined) answers[q.code] = a;
    }
    const res = await submit({
      templateId: template.id,
      templateVersion: template.version,
      answeredAt: new Date().toISOString(),
      answers,
    });
    if (!res) return;
    renewKey();
    setDraft({});
    onSaved();
  };
  return (
    <form onSubmit={onSubmit} noValidate className="card" aria-labelledby="questionnaire-form">
      <h2 id="questionnaire-form">{template.name}</h2>
      {template.description && <p className="hint">{template.description}</p>}
      <ProblemAlert error={problem} />
      {template.questions.map((q) => (
        <QuestionInput
          key={q.code}
          q={q}
          value={draft[q.code]}
          onChange={(v) => setDraft((d) => ({ ...d, [q.code]: v }))}
          error={errors[`answers.${q.code}`]}
        />
      ))}
      <SubmitButton saving={saving} label={t('intakeWork.q.save')} />
    </form>
  );
};

const answerText = (q: Question | undefined, a: Answer, t: T): ReactNode => {
  const option = (code: string) =>
    (q?.type === 'single-choice' || q?.type === 'multi-choice'
      ? q.options.find((o) => o.code === code)?.label
      : undefined) ?? code;
  if (Array.isArray(a)) return a.map(option).join(', ');
  if (typeof a === 'object')
    return t('intakeWork.q.duration', { amount: a.amount, unit: t(`intakeWork.q.unit.${a.unit}`) });
  if (typeof a === 'number') return q?.type === 'number' && q.unit ? `${a} ${q.unit}` : String(a);
  return option(a);
};

/** One filled questionnaire, read with the template version it was given on. */
const Filled = ({ response }: { response: intake.QuestionnaireResponse }) => {
  const t = useT();
  const template = useLoad(
    (api) =>
      api
        .GET('/questionnaire-templates/{templateId}', {
          params: { path: { templateId: response.templateId }, query: { version: response.templateVersion } },
        })
        .then(dataOf),
    [response.templateId, response.templateVersion],
  );
  return (
    <li className="card">
      <Await loaded={template}>
        {(tpl) => (
          <>
            <h3>
              {tpl.name}{' '}
              <span className="hint">{t('intakeWork.q.templateVersion', { version: tpl.version })}</span>
            </h3>
            <p>
              <FormattedMessage
                id="intakeWork.q.answeredAt"
                values={{ at: <When at={response.answeredAt} /> }}
              />
            </p>
            <dl className="answers">
              {tpl.questions.map((q) => {
                const a = response.answers[q.code];
                return (
                  <div key={q.code}>
                    <dt>{q.label}</dt>
                    <dd>
                      {a === undefined ? (
                        <span className="hint">{t('intakeWork.q.unanswered')}</span>
                      ) : (
                        answerText(q, a, t)
                      )}
                    </dd>
                  </div>
                );
              })}
            </dl>
          </>
        )}
      </Await>
    </li>
  );
};

export const Questionnaire = ({ clientId }: { clientId: string }) => {
  const t = useT();
  const mine = useMyServices();
  const filled = useRecords(clientId, (a, params) => a.GET('/clients/{clientId}/questionnaires', { params }));
  const [templateId, setTemplateId] = useState('');
  const [saved, setSaved] = useState<string>();
  return (
    <ClientRecordPage clientId={clientId} title="intakeWork.q.title" intro="intakeWork.q.intro">
      {(client) => (
        <Templates serviceIds={[client.serviceId, ...(mine.data?.services.map((s) => s.id) ?? [])]}>
          {(templates) => {
            const template = templates.find((x) => x.id === templateId) ?? templates[0];
            return (
              <>
                <SavedNote message={saved} />
                <h2>{t('intakeWork.q.filled')}</h2>
                <Await loaded={filled}>
                  {({ items }) =>
                    items.length === 0 ? (
                      <p>{t('app.none')}</p>
                    ) : (
                      <ul className="list">
                        {items.map((r) => (
                          <Filled key={r.id} response={r} />
                        ))}
                      </ul>
                    )
                  }
                </Await>
                {filled.more}
                <h2>{t('intakeWork.q.fill')}</h2>
                {!template ? (
                  <p>{t('intakeWork.q.noTemplates')}</p>
                ) : (
                  <>
                    {templates.length > 1 && (
                      <Field label={t('intakeWork.q.template')}>
                        {(p) => (
                          <select {...p} value={template.id} onChange={(e) => setTemplateId(e.target.value)}>
                            {templates.map((x) => (
                              <option key={x.id} value={x.id}>
                                {x.name}
                              </option>
                            ))}
                          </select>
                        )}
                      </Field>
                    )}
                    <FillForm
                      key={template.id}
                      clientId={clientId}
                      template={template}
                      onSaved={() => {
                        setSaved(t('intakeWork.q.saved'));
                        filled.reload();
                      }}
                    />
                  </>
                )}
              </>
            );
          }}
        </Templates>
      )}
    </ClientRecordPage>
  );
};

/** The provider's templates for the client's service and the worker's own services (the API lists
 * templates per service); a handful per service, so every page is read. */
const Templates = ({
  serviceIds,
  children,
}: {
  serviceIds: string[];
  children: (t: Template[]) => ReactNode;
}) => {
  const unique = [...new Set(serviceIds)];
  const key = unique.join(',');
  const templates = useLoad(
    async (api) => {
      const all: Template[] = [];
      for (const serviceId of unique) {
        let cursor: string | undefined;
        do {
          const page = dataOf(
            await api.GET('/questionnaire-templates', {
              params: { query: { serviceId, limit: 100, cursor } },
            }),
          );
          all.push(...page.items);
          cursor = page.nextCursor;
        } while (cursor);
      }
      return all;
    },
    [key],
  );
  return <Await loaded={templates}>{children}</Await>;
};
