// What a write the rules allow still asks the worker to look at twice (the API's `warnings` beside a
// created resource): each warning in the person's language from the rule catalogue, its stable code
// beside the words, and the API's own wording only for a code the catalogue does not know.
import type { ReactNode } from 'react';
import type { Warning } from '@spolu/contracts';
import { useLocale } from '../i18n/locale';
import { ruleMessage } from '../i18n/ruleMessages';

export const WarningsNotice = ({
  title,
  warnings,
  children,
}: {
  title: string;
  warnings: readonly Warning[];
  children?: ReactNode;
}) => {
  const { locale } = useLocale();
  if (warnings.length === 0) return null;
  return (
    <div className="alert alert-warning" role="alert">
      <p>
        <strong>{title}</strong>
      </p>
      <ul>
        {warnings.map((w) => (
          <li key={w.code}>
            {ruleMessage(w.code, locale) ?? w.detail} <code>{w.code}</code>
          </li>
        ))}
      </ul>
      {children}
    </div>
  );
};
