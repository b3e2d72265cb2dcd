// The intake table's data migrations, oldest first; the manifest lists them and they run after
// each deploy (docs/OPERATIONS.md "Data migrations"). Each builds keys with the same builders the
// store uses for new items, so a backfilled item ends identical to one written today.
import { defineMigrations } from '@spolu/platform';
import { appointmentWindowKeys, childKinds } from './store';

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
]);
