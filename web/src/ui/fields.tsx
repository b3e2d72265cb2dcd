// Labelled inputs for the values forms ask for most: a moment, a day, a count. The value stays the
// input's text (forms convert it when they build the request body); label, hint and error are wired
// by Field, so each is announced with its input.
import type { InputHTMLAttributes } from 'react';
import { Field } from './form';

type Passed = Pick<
  InputHTMLAttributes<HTMLInputElement>,
  'min' | 'max' | 'step' | 'required' | 'name' | 'disabled'
>;

interface TypedFieldProps extends Passed {
  label: string;
  error?: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
}

const typedField =
  (type: 'datetime-local' | 'date' | 'number') =>
  ({ label, error, hint, value, onChange, ...passed }: TypedFieldProps) => (
    <Field label={label} error={error} hint={hint}>
      {(p) => (
        <input
          {...p}
          {...passed}
          type={type}
          // Phones show a digit keypad for counts.
          inputMode={type === 'number' ? 'numeric' : undefined}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );

/** A local date and time (`<input type="datetime-local">`). */
export const DateTimeField = typedField('datetime-local');
/** A calendar day (`<input type="date">`). */
export const DateField = typedField('date');
/** A whole count, with the phone's digit keypad. */
export const NumberField = typedField('number');
