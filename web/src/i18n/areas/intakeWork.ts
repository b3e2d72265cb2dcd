// Messages for the questionnaire, agreements and today's appointments: Czech and English side by side, the type refuses a key missing in English.
export const csIntakeWork = {} as const;

export const enIntakeWork: Record<keyof typeof csIntakeWork, string> = {};
