// The intake table's data migrations, oldest first; the manifest lists them and they run after
// each deploy (docs/OPERATIONS.md "Data migrations"). Each builds keys with the same builders the
// store uses for new items, so a backfilled item ends identical to one written today.
import { defineMigrations } from '@spolu/platform';
import type { TimelineKind } from './store';
import { appointmentWindowKeys, childKinds, keys as storeKeys, timelineKeys } from './store';

/** The tenant id an item key starts with (`<tenant>#CLIENT#<clientId>`). */
const tenantBefore = (pk: unknown, marker: string) => {
  const at = typeof pk === 'string' ? pk.indexOf(marker) : -1;
  return at > 0 ? String(pk).slice(0, at) : undefined;
};

export const migrations = defineMigrations([
  {
    id: 'intake-0001-appointment-window-keys',
    description:
      'Appointments stored before GET /appointments (commit cf69423) get their gsi2 keys ' +
      '(<tenant>#APPOINTMENTS / <scheduledAt UTC>#<id>), so the provider-wide list by time finds them.',
    select: { entity: 'appointment', skPrefix: `${childKinds.appointment}#` },
    apply: (item) => {
      const t = tenantBefore(item.pk, '#CLIENT#');
      const a: unknown = item.data;
      if (!t || typeof a !== 'object' || a === null) return undefined;
      const { id, scheduledAt } = a as { id?: unknown; scheduledAt?: unknown };
      if (typeof id !== 'string' || typeof scheduledAt !== 'string') return undefined;
      const keys = appointmentWindowKeys(t, scheduledAt, id);
      if (item.gsi2pk === keys.gsi2pk && item.gsi2sk === keys.gsi2sk) return undefined;
      return { ...item, ...keys };
    },
  },
  {
    id: 'intake-0002-timeline-instant-keys',
    description:
      'Client-file timeline rows keyed by the text of their time (gsi1sk <at as given>#<kind>#<id>) ' +
      'get the instant in UTC instead, so the file orders records given with different offsets by when ' +
      'they happened.',
    select: {
      filter: {
        expression: 'contains(#tl_gsi1pk, :tl_marker)',
        names: { '#tl_gsi1pk': 'gsi1pk' },
        values: { ':tl_marker': '#TIMELINE#' },
      },
    },
    apply: (item) => {
      const t = tenantBefore(item.gsi1pk, '#TIMELINE#');
      const clientId = typeof item.gsi1pk === 'string' ? item.gsi1pk.split('#TIMELINE#')[1] : undefined;
      const [at, kind, id, ...rest] = String(item.gsi1sk ?? '').split('#');
      if (!t || !clientId || !at || !kind || !id || rest.length > 0) return undefined;
      if (Number.isNaN(new Date(at).getTime())) return undefined;
      const keys = timelineKeys(t, clientId, at, kind as TimelineKind, id);
      if (item.gsi1sk === keys.gsi1sk) return undefined;
      return { ...item, ...keys };
    },
  },
  {
    id: 'intake-0003-service-view-list-keys',
    description:
      'Service views stored before they were listed per provider get their gsi2 keys (<provider>#SERVICES / ' +
      "<serviceId>), so a missed phone arrangement finds the provider's contact centre to propose.",
    select: { entity: 'service-view', skPrefix: 'SERVICE' },
    apply: (item) => {
      const view: unknown = item.data;
      if (typeof view !== 'object' || view === null) return undefined;
      const { id, providerId } = view as { id?: unknown; providerId?: unknown };
      if (typeof id !== 'string' || typeof providerId !== 'string') return undefined;
      const gsi2pk = storeKeys.services(providerId);
      if (item.gsi2pk === gsi2pk && item.gsi2sk === id) return undefined;
      return { ...item, gsi2pk, gsi2sk: id };
    },
  },
]);
