// The security log's consumer: every service's (and the gateway's) AccessRefused becomes one entry
// in the directory's table, once however often it is delivered. Refusals are counted per caller
// per 5-minute window; the refusal that takes a caller to the threshold is marked as a burst,
// logged as a warning and counted in the RefusedAccessBurst metric, which infra alarms on.
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { securityEvents } from '@spolu/contracts';
import { createMetrics, eventConsumer } from '@spolu/platform';
import {
  callerKey,
  defaultBurstThreshold,
  defaultRetentionDays,
  positiveInt,
  refusedAccessBurstMetric,
  windowOf,
} from '../domain/security-log';
import { createStore } from '../store';

export const handler = eventConsumer('directory', (env) => {
  const store = createStore(env);
  const threshold = positiveInt(env.settings.SECURITY_BURST_THRESHOLD, defaultBurstThreshold);
  const retentionDays = positiveInt(env.settings.SECURITY_LOG_RETENTION_DAYS, defaultRetentionDays);
  const metrics = createMetrics(securityEvents.securityMetricService);
  return {
    AccessRefused: async (event, { tx, log }) => {
      const refusal = securityEvents.AccessRefused.data.parse(event.data);
      const caller = callerKey(refusal.caller);
      const window = windowOf(event.occurredAt);
      const burst = (await store.countRefusal(caller, window, event.id, threshold)).crossed;
      store.putSecurityLogEntry(
        tx,
        { ...refusal, id: event.id, occurredAt: event.occurredAt, ...(burst ? { burst } : {}) },
        retentionDays,
      );
      // A redelivery of the crossing event itself warns again before its inbox marker drops it.
      if (burst) {
        log.warn('refused access burst', { caller, window, threshold, eventId: event.id });
        metrics?.addMetric(refusedAccessBurstMetric, MetricUnit.Count, 1);
        metrics?.publishStoredMetrics();
      }
    },
  };
});
