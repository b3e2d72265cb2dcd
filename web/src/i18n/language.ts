/** The console's languages: Czech first, English second. */
export type Locale = 'cs' | 'en';
