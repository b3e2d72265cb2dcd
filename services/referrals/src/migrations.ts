// The referrals table's data migrations, oldest first; the manifest lists them and they run after
// each deploy (docs/OPERATIONS.md "Data migrations"). Each builds keys with the same builders the
// store uses for new items, so a backfilled item ends identical to one written today.
import { defineMigrations } from '@spolu/platform';
import { handoverListKeys } from './store';

const marker = '#HANDOVER#';

export const migrations = defineMigrations([
  {
    id: 'referrals-0001-handover-list-keys',
    description:
      'Handovers stored before GET /handovers (commit c6c35bb) get their gsi1 keys ' +
      '(<provider>#HANDOVERS / <createdAt>#<id>) on the sender’s item and the receiver’s copy, so each ' +
      'provider’s list finds them.',
    select: { entity: 'handover', skPrefix: 'HANDOVER' },
    apply: (item) => {
      // Each copy is listed under the provider its key starts with (`<provider>#HANDOVER#<id>`).
      const pk = typeof item.pk === 'string' ? item.pk : '';
      const at = pk.indexOf(marker);
      const h: unknown = item.data;
      if (at <= 0 || typeof h !== 'object' || h === null) return undefined;
      const { id, createdAt } = h as { id?: unknown; createdAt?: unknown };
      if (typeof id !== 'string' || typeof createdAt !== 'string') return undefined;
      const keys = handoverListKeys(pk.slice(0, at), { id, createdAt });
      if (item.gsi1pk === keys.gsi1pk && item.gsi1sk === keys.gsi1sk) return undefined;
      return { ...item, ...keys };
    },
  },
]);
