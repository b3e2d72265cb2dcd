// Opening hours as rows of day, opening and closing time (a day may have two rows, e.g. a lunch
// break); errors from the contract land on the row's own inputs.
import { Weekday } from '@spolu/contracts';
import type { MessageId } from '../../i18n/cs';
import { useT } from '../../i18n/locale';
import { Field } from '../../ui/form';

export interface HoursRow {
  day: string;
  opens: string;
  closes: string;
}

export const HoursField = ({
  rows,
  onChange,
  errors,
}: {
  rows: HoursRow[];
  onChange: (rows: HoursRow[]) => void;
  errors: Record<string, string>;
}) => {
  const t = useT();
  const change = (i: number, patch: Partial<HoursRow>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset>
      <legend>{t('admin.service.hours')}</legend>
      {rows.map((row, i) => (
        <div className="row" key={i}>
          <Field label={t('admin.service.day')} error={errors[`hours[${i}].day`]}>
            {(p) => (
              <select {...p} value={row.day} onChange={(e) => change(i, { day: e.target.value })}>
                {Weekday.options.map((d) => (
                  <option key={d} value={d}>
                    {t(`admin.service.day.${d}` as MessageId)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('admin.service.opens')} error={errors[`hours[${i}].opens`]}>
            {(p) => (
              <input
                {...p}
                type="time"
                value={row.opens}
                onChange={(e) => change(i, { opens: e.target.value })}
              />
            )}
          </Field>
          <Field label={t('admin.service.closes')} error={errors[`hours[${i}].closes`]}>
            {(p) => (
              <input
                {...p}
                type="time"
                value={row.closes}
                onChange={(e) => change(i, { closes: e.target.value })}
              />
            )}
          </Field>
          <button
            type="button"
            className="link"
            aria-label={`${t('admin.service.removeHours')} ${i + 1}`}
            onClick={() => onChange(rows.filter((_, j) => j !== i))}
          >
            {t('admin.service.removeHours')}
          </button>
        </div>
      ))}
      <button
        type="button"
        onClick={() => onChange([...rows, { day: 'mon', opens: '09:00', closes: '17:00' }])}
      >
        {t('admin.service.addHours')}
      </button>
    </fieldset>
  );
};
