// Messages for the console without signal (issue 22): the offline notice, records saved on the
// device and the outbox that sends them when the connection is back.
export const csOffline = {
  'offline.notice':
    'Jste offline. Spolu běží i bez signálu: kontakty a domluvy se uloží v zařízení a odešlou se, jakmile bude spojení. Nové údaje se zatím nenačtou.',
  'offline.saved': 'Uloženo v zařízení — čeká na odeslání.',
  'offline.noDeviceKey':
    'Tento telefon ještě není připravený na práci bez signálu: přihlaste se jednou se signálem a zkuste to znovu.',
  'offline.recordsLocked': 'Záznamy v tomto telefonu se otevřou po přihlášení se signálem.',
  'offline.savedArrange':
    'Uloženo v zařízení — čeká na odeslání. S člověkem můžete domluvit schůzku po telefonu i teď.',
  'offline.arrangementSaved': 'Domluva uložena v zařízení — čeká na odeslání.',
  'offline.outbox.title': 'Čeká na odeslání ({count})',
  'offline.outbox.intro':
    'Uloženo v tomto zařízení, zašifrovaně. Odešle se samo, jakmile bude spojení; při odhlášení se smaže.',
  'offline.outbox.sendNow': 'Odeslat nyní',
  'offline.outbox.sent':
    '{count, plural, one {Odeslán # záznam ze zařízení.} few {Odeslány # záznamy ze zařízení.} other {Odesláno # záznamů ze zařízení.}}',
  'offline.status.waiting': 'čeká na odeslání',
  'offline.status.sending': 'odesílá se…',
  'offline.status.refused': 'Server záznam odmítl — opravte ho, nebo ho zahoďte.',
  'offline.kind.contact': 'Kontakt',
  'offline.kind.phone-arrangement': 'Domluva po telefonu',
  'offline.at': '{kind} · {time}',
  'offline.correct': 'Opravit',
  'offline.discard': 'Zahodit',
  'offline.cancel': 'Zrušit',
  'offline.correctTitle': 'Oprava záznamu z tohoto zařízení',
  'offline.resend': 'Opravit a odeslat znovu',
  'offline.discarded': 'Záznam zahozen.',
  'offline.corrected': 'Opraveno — čeká na odeslání.',
  'offline.unreadable': 'Záznamy v zařízení nelze přečíst.',
  'offline.locked': 'Podrobnosti se zobrazí po přihlášení se signálem.',
  'offline.dayUnavailable': 'Bez připojení: přehled dne se načte po připojení.',
};

export const enOffline: Record<keyof typeof csOffline, string> = {
  'offline.notice':
    'You are offline. Spolu keeps running without signal: contacts and arrangements are saved on the device and sent once the connection is back. Nothing new loads meanwhile.',
  'offline.saved': 'Saved on the device — waiting to be sent.',
  'offline.noDeviceKey':
    'This phone is not ready to work without signal yet: sign in once with signal and try again.',
  'offline.recordsLocked': 'The records on this phone open after a sign-in with signal.',
  'offline.savedArrange':
    'Saved on the device — waiting to be sent. You can arrange a meeting by phone with the person now too.',
  'offline.arrangementSaved': 'Arrangement saved on the device — waiting to be sent.',
  'offline.outbox.title': 'Waiting to be sent ({count})',
  'offline.outbox.intro':
    'Saved on this device, encrypted. Sent on its own once the connection is back; deleted on sign-out.',
  'offline.outbox.sendNow': 'Send now',
  'offline.outbox.sent':
    '{count, plural, one {# record sent from the device.} other {# records sent from the device.}}',
  'offline.status.waiting': 'waiting to be sent',
  'offline.status.sending': 'sending…',
  'offline.status.refused': 'The server refused the record — correct it or discard it.',
  'offline.kind.contact': 'Contact',
  'offline.kind.phone-arrangement': 'Phone arrangement',
  'offline.at': '{kind} · {time}',
  'offline.correct': 'Correct',
  'offline.discard': 'Discard',
  'offline.cancel': 'Cancel',
  'offline.correctTitle': 'Correcting a record from this device',
  'offline.resend': 'Correct and send again',
  'offline.discarded': 'Record discarded.',
  'offline.corrected': 'Corrected — waiting to be sent.',
  'offline.unreadable': 'The records on the device cannot be read.',
  'offline.locked': 'The details show after a sign-in with signal.',
  'offline.dayUnavailable': "Offline: the day's overview loads once connected.",
};
