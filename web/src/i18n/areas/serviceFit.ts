// Messages for writes the rules allow but a worker should look at twice (issue 18): a client whose
// age lies outside the service's limits, an agreement at a service of another target group. The
// warnings' own words come from the rule catalogue (rule-texts.ts); these frame them.
export const csServiceFit = {
  'serviceFit.check': 'Zapsáno. Zkontrolujte prosím:',
  'serviceFit.limits': 'Věkové rozmezí služby: {min}–{max} let.',
  'serviceFit.register.saved': 'Klient je zapsán.',
  'serviceFit.register.openFile': 'Otevřít spis klienta',
  'serviceFit.agreement.title': 'Nová dohoda',
  'serviceFit.agreement.service': 'Služba',
  'serviceFit.agreement.goal': 'Zakázka klienta (jeho slovy)',
  'serviceFit.agreement.submit': 'Uzavřít ústní dohodu',
  'serviceFit.agreement.saved': 'Dohoda je uzavřena.',
};

export const enServiceFit: Record<keyof typeof csServiceFit, string> = {
  'serviceFit.check': 'Recorded. Please check:',
  'serviceFit.limits': "The service's age limits: {min}–{max} years.",
  'serviceFit.register.saved': 'The client is registered.',
  'serviceFit.register.openFile': "Open the client's file",
  'serviceFit.agreement.title': 'New agreement',
  'serviceFit.agreement.service': 'Service',
  'serviceFit.agreement.goal': "The client's goal (in their own words)",
  'serviceFit.agreement.submit': 'Make an oral agreement',
  'serviceFit.agreement.saved': 'The agreement is made.',
};
