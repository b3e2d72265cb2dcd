// Stats publishes no events: it only consumes.
export const statsEvents = [] as const;
