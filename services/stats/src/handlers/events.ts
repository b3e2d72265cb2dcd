// The projection: every subscribed event becomes counter increments on precomputed cells,
// applied exactly once (inbox marker, per-cell subject markers) and in any order (counts add up
// the same way whatever the order; directory snapshots compare revisions).
import type { AnyEnvelope } from '@spolu/contracts';
import { directoryEvents } from '@spolu/contracts';
import type { ConsumerContext, EventHandler } from '@spolu/platform';
import { eventConsumer } from '@spolu/platform';
import type { CellWrite } from '../domain/cells';
import { expand } from '../domain/cells';
import { keyModulus, recordKey } from '../domain/cell-key';
import { intakeIncrements, plansIncrements, referralsIncrements } from '../domain/project';
import { createStore } from '../store';

export const handler = eventConsumer('stats', (env) => {
  const store = createStore(env);

  const service = async (event: AnyEnvelope, { tx, log }: ConsumerContext) => {
    const { service: s } = directoryEvents.ServiceUpdated.data.parse(event.data);
    const current = await store.getService(s.id);
    if (current && current.revision >= event.subject.revision) {
      log.info('stale service event skipped', { serviceId: s.id });
      return;
    }
    store.putService(tx, {
      serviceId: s.id,
      providerId: s.providerId,
      type: s.type,
      districts: s.districts,
      targetGroups: s.targetGroups,
      needCodes: s.needCodes,
      ageMin: s.ageMin,
      ageMax: s.ageMax,
      providerName: s.providerName,
      serviceName: s.name,
      registryId: s.registryId,
      capacity: s.availability.capacity,
      waitingDays: s.availability.waitingDays,
      acceptingReferrals: s.availability.acceptingReferrals,
      active: s.active,
      revision: event.subject.revision,
    });
  };

  // Each write carries its unit's record key (the subject for unique counts, the event for plain
  // counts, times the amount added) so every cell keeps a running cell key (cell-key.ts).
  const keyed = (event: AnyEnvelope, writes: CellWrite[]): CellWrite[] => {
    const eventKey = recordKey(env.subjectKeySecret, event.id);
    return writes.map((w) => ({
      ...w,
      key: w.subjectKey ? recordKey(env.subjectKeySecret, w.subjectKey) : (eventKey * w.add) % keyModulus,
    }));
  };
  const project =
    (toIncrements: (e: AnyEnvelope) => ReturnType<(typeof intakeIncrements)[string]>): EventHandler =>
    async (event, { tx }) =>
      store.applyWrites(tx, event.id, event.type, keyed(event, expand(toIncrements(event))));

  return {
    ServiceRegistered: service,
    ServiceUpdated: service,
    CapacityChanged: service,
    ...Object.fromEntries(
      Object.entries({ ...intakeIncrements, ...plansIncrements, ...referralsIncrements }).map(([type, f]) => [
        type,
        project(f),
      ]),
    ),
  };
});
