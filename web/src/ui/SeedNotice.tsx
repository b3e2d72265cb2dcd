// Local runtime only: while `npm start` is still filling in the demo months (GET /dev/seed-status),
// a small notice says the figures are not complete yet. In AWS there is no such endpoint (404):
// nothing is shown and nothing is asked again.
import { useEffect, useState } from 'react';
import { useApp } from '../api/context';
import { useT } from '../i18n/locale';

interface SeedStatus {
  complete: boolean;
  percent: number;
}

const pollMs = 5000;

export const SeedNotice = () => {
  const t = useT();
  const { config } = useApp();
  const [percent, setPercent] = useState<number | undefined>(undefined);
  const local = config.auth.kind === 'dev';
  useEffect(() => {
    if (!local) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = async () => {
      try {
        const res = await fetch(`${config.apiUrl}/dev/seed-status`, { cache: 'no-store' });
        if (!res.ok) return setPercent(undefined); // not `npm start` (tests, AWS): stop asking
        const status = (await res.json()) as SeedStatus;
        if (stopped) return;
        if (status.complete) return setPercent(undefined);
        setPercent(status.percent);
        timer = setTimeout(() => void check(), pollMs);
      } catch {
        if (!stopped) setPercent(undefined);
      }
    };
    void check();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [local, config.apiUrl]);
  if (percent === undefined) return null;
  return (
    <p className="seed-notice" role="status">
      {t('app.seedLoading', { percent })}
    </p>
  );
};
