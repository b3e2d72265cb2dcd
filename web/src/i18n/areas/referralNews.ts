// Messages for what each side of a referral is told (issue 18): the client withdrew the consent,
// the sender cancelled and the place is free, who refers, what was shared and who read it. Czech and
// English side by side, the type refuses a key missing in English.
export const csReferralNews = {
  'referralNews.title': 'Změny u přijatých doporučení',
  'referralNews.withdrawn':
    'Klient odvolal souhlas se sdílením údajů: doporučení bylo staženo. Údaje o klientovi už nejsou k dispozici.',
  'referralNews.placeFree': 'Odesílatel doporučení zrušil: místo, které jste pro klienta drželi, je volné.',
  'referralNews.historyWithdrawn': 'Klient odvolal souhlas se sdílením údajů',
  'referralNews.sender': 'Kdo doporučuje',
  'referralNews.senderWorker': 'Pracovník: {name}',
  'referralNews.senderPhone': 'Telefon: {phone}',
  'referralNews.senderEmail': 'E-mail: {email}',
  'referralNews.package': 'Sdílené údaje o klientovi',
  'referralNews.nothingShared':
    'Klient nesdílel žádné údaje: doporučení obsahuje jen kódy potřeb a údaje pro statistiku.',
  'referralNews.showPackage': 'Zobrazit sdílené údaje',
  'referralNews.packageField': '{field}: {value}',
  'referralNews.reads': 'Kdo otevřel sdílené údaje',
  'referralNews.readsNone': 'Sdílené údaje zatím nikdo neotevřel.',
  'referralNews.readBy': '{name} ({provider})',
  'referralNews.senderContact': 'Jak vás přijímající služba zastihne',
  'referralNews.senderPhoneLabel': 'Váš telefon',
  'referralNews.senderEmailLabel': 'Váš e-mail',
  'referralNews.confirmEmpty':
    'Klient nedal souhlas se sdílením žádných údajů s touto organizací. Doporučení odejde bez jména, kontaktu a dalších údajů o klientovi.',
  'referralNews.confirmEmptyButton': 'Přesto odeslat bez údajů',
  'referralNews.warnings': 'Doporučení bylo odesláno, ale stojí za to se na něj podívat:',
  'referralNews.openReferral': 'Otevřít doporučení',
  'referralNews.notice.consent-withdrawn': 'souhlas odvolán',
  'referralNews.notice.place-free': 'zrušeno, místo je volné',
  'referralNews.withdrawEffect':
    'Přijímající organizace hned ztratí přístup ke sdíleným údajům; v jejím přehledu zůstane jen zpráva, že klient souhlas odvolal. V historii odeslaných doporučení to uvidíte i vy.',
};

export const enReferralNews: Record<keyof typeof csReferralNews, string> = {
  'referralNews.title': 'Changes to referrals you received',
  'referralNews.withdrawn':
    'The client withdrew the consent to share data: the referral was withdrawn. The client’s data is no longer available.',
  'referralNews.placeFree': 'The sender cancelled the referral: the place you held for the client is free.',
  'referralNews.historyWithdrawn': 'The client withdrew the consent to share data',
  'referralNews.sender': 'Who refers',
  'referralNews.senderWorker': 'Worker: {name}',
  'referralNews.senderPhone': 'Phone: {phone}',
  'referralNews.senderEmail': 'E-mail: {email}',
  'referralNews.package': 'Client data shared',
  'referralNews.nothingShared':
    'The client shared no data: the referral carries only need codes and statistical data.',
  'referralNews.showPackage': 'Show the shared data',
  'referralNews.packageField': '{field}: {value}',
  'referralNews.reads': 'Who opened the shared data',
  'referralNews.readsNone': 'Nobody has opened the shared data yet.',
  'referralNews.readBy': '{name} ({provider})',
  'referralNews.senderContact': 'How the receiving service reaches you',
  'referralNews.senderPhoneLabel': 'Your phone',
  'referralNews.senderEmailLabel': 'Your e-mail',
  'referralNews.confirmEmpty':
    'The client has not consented to share any data with this organisation. The referral goes without the name, contact or other client data.',
  'referralNews.confirmEmptyButton': 'Send without client data',
  'referralNews.warnings': 'The referral was sent, but look at it twice:',
  'referralNews.openReferral': 'Open the referral',
  'referralNews.notice.consent-withdrawn': 'consent withdrawn',
  'referralNews.notice.place-free': 'cancelled, place free',
  'referralNews.withdrawEffect':
    'The receiving organisation loses access to the shared data at once; its overview keeps only a note that the client withdrew the consent. You will see it in the history of the referrals you sent, too.',
};
