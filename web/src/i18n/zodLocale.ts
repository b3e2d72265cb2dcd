// zod's own messages in the console's language, following it (activeLocale.ts). Its own small chunk,
// imported by the code that shows validation messages (forms/contract.ts statically; ui/form.tsx's
// useSubmit and the outbox panel load it when a form is shown): zod is not in the console's first
// download (issue 24 item 5), and a screen with a form has zod loaded already.
import * as z from 'zod';
import { cs, en } from 'zod/locales';
import { followActiveLocale } from './activeLocale';

followActiveLocale((locale) => z.config(locale === 'cs' ? cs() : en()));
