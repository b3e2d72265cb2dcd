// Pieces the coordinator screens share: the period field (applied on Enter as well as on leaving
// it), a hidden (suppressed) value that reads as "skryto", never as 0 or an empty cell, and the
// keyboard-scrollable region a wide table sits in.
import type { FormEvent, ReactNode } from 'react';
import { useEffect, useState } from 'react';
import { useT } from '../../i18n/locale';
import { Field } from '../../ui/form';

/** The period input in a form of its own: Enter submits it, leaving the field applies it too. */
export const PeriodForm = ({ period, onApply }: { period: string; onApply: (period: string) => void }) => {
  const [draft, setDraft] = useState(period);
  useEffect(() => setDraft(period), [period]);
  const apply = (e?: FormEvent) => {
    e?.preventDefault();
    const next = draft.trim();
    if (next !== period) onApply(next);
  };
  return (
    <form className="filters coordinator-period" onSubmit={apply} noValidate>
      <PeriodField value={draft} onChange={setDraft} onBlur={() => apply()} />
    </form>
  );
};

/** The period input alone (inside a form that applies it on submit). */
export const PeriodField = ({
  value,
  onChange,
  onBlur,
}: {
  value: string;
  onChange: (value: string) => void;
  onBlur: () => void;
}) => {
  const t = useT();
  return (
    <Field label={t('stats.period')} hint={t('coordinator.periodHint')}>
      {(p) => (
        <input
          {...p}
          name="period"
          inputMode="text"
          autoComplete="off"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          onBlur={onBlur}
        />
      )}
    </Field>
  );
};

/** A suppressed value: the word "skryto", its reason as a title and to screen readers. */
export const Hidden = () => {
  const t = useT();
  return (
    <span className="stat-hidden" title={t('coordinator.hiddenWhy')}>
      <span aria-hidden="true">{t('coordinator.hidden')}</span>
      <span className="visually-hidden">{t('coordinator.hiddenWhy')}</span>
    </span>
  );
};

/** A table that may be wider than the screen: a named region the keyboard can focus and scroll. */
export const ScrollRegion = ({ label, children }: { label: string; children: ReactNode }) => (
  <div className="table-scroll coordinator-scroll" tabIndex={0} role="region" aria-label={label}>
    {children}
  </div>
);
