// What an admin does with a running subscription: rotate its signing secret (shown once; the old
// one keeps signing for the overlap), send a test message, pause or resume it; and copy a secret
// just shown to the clipboard, with a confirmation in words.
import { dataOf } from '@spolu/client';
import type { webhooks } from '@spolu/contracts';
import { useState } from 'react';
import { useApp, useIdempotencyKey } from '../../api/context';
import { useT } from '../../i18n/locale';
import { ProblemAlert } from '../../ui/form';

/** "Kopírovat": the secret onto the clipboard, and a polite status saying whether it worked. */
export const CopySecret = ({ secret }: { secret: string }) => {
  const t = useT();
  const [copied, setCopied] = useState<boolean>();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <p>
      <button type="button" onClick={() => void copy()}>
        {t('words.webhooks.copy')}
      </button>{' '}
      <span role="status">
        {copied === true && t('words.webhooks.copied')}
        {copied === false && t('words.webhooks.copyFailed')}
      </span>
    </p>
  );
};

export const SubscriptionActions = ({
  subscription,
  onSecret,
  onChanged,
}: {
  subscription: webhooks.Subscription;
  onSecret: (secret: string) => void;
  onChanged: (message?: string) => void;
}) => {
  const t = useT();
  const { api } = useApp();
  const [rotateKey, renewRotateKey] = useIdempotencyKey();
  const [pingKey, renewPingKey] = useIdempotencyKey();
  const [problem, setProblem] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setProblem(undefined);
    try {
      await action();
    } catch (err) {
      setProblem(err as Error);
    } finally {
      setBusy(false);
    }
  };
  const path = { subscriptionId: subscription.id };
  return (
    <div className="actions">
      <ProblemAlert error={problem} />
      <button
        type="button"
        disabled={busy}
        title={t('admin.subscription.rotateHint')}
        onClick={() =>
          void run(async () => {
            const rotated = await api.POST('/webhooks/subscriptions/{subscriptionId}/secrets', {
              params: { path, header: { 'idempotency-key': rotateKey } },
              body: { overlapHours: 24 },
            });
            renewRotateKey();
            onSecret(dataOf(rotated).secret);
          })
        }
      >
        {t('admin.subscription.rotate')}
      </button>{' '}
      <button
        type="button"
        disabled={busy}
        onClick={() =>
          void run(async () => {
            await api.POST('/webhooks/subscriptions/{subscriptionId}/pings', {
              params: { path, header: { 'idempotency-key': pingKey } },
            });
            renewPingKey();
            onChanged(t('admin.subscription.pinged'));
          })
        }
      >
        {t('admin.subscription.ping')}
      </button>{' '}
      <button
        type="button"
        disabled={busy}
        onClick={() =>
          void run(async () => {
            await api.PATCH('/webhooks/subscriptions/{subscriptionId}', {
              params: { path, header: { 'if-match': `"${subscription.version}"` } },
              body: { enabled: !subscription.enabled },
            });
            onChanged();
          })
        }
      >
        {t(subscription.enabled ? 'admin.subscription.pause' : 'admin.subscription.resume')}
      </button>
    </div>
  );
};
