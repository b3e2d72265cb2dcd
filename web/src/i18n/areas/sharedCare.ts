// Messages for shared care and handovers: Czech and English side by side, the type refuses a key missing in English.
export const csSharedCare = {} as const;

export const enSharedCare: Record<keyof typeof csSharedCare, string> = {};
