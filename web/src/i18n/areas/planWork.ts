// Messages for the plan's sessions, key worker, support network, recovery phase and closure: Czech and English side by side, the type refuses a key missing in English.
export const csPlanWork = {} as const;

export const enPlanWork: Record<keyof typeof csPlanWork, string> = {};
