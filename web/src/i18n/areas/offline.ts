// Messages for the console without signal (issue 22): the notice shown while the device is offline.
export const csOffline = {
  'offline.notice':
    'Jste offline. Spolu běží i bez signálu, ale nové údaje se nenačtou a uložit nic nelze, dokud se spojení neobnoví.',
};

export const enOffline: Record<keyof typeof csOffline, string> = {
  'offline.notice':
    'You are offline. Spolu keeps running without signal, but nothing new loads and nothing can be saved until the connection is back.',
};
