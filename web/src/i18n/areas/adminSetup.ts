// Messages for the provider admin's setup: services, workers, partner clients, webhook subscriptions: Czech and English side by side, the type refuses a key missing in English.
export const csAdminSetup = {} as const;

export const enAdminSetup: Record<keyof typeof csAdminSetup, string> = {};
