// The table definition both CDK and DynamoDB Local are built from.
import type { ServiceManifest } from './manifest';

export const keyNames = { pk: 'pk', sk: 'sk', ttl: 'expiresAt' } as const;

/** Built into every table: gsi1 for the service's own alternate access path, and the sparse
 * `outbox` index holding only unpublished outbox items (the sweeper's safety net). */
export const builtInIndexes = ['gsi1'] as const;
export const outboxIndex = { name: 'outbox', pk: 'outboxPending', sk: 'occurredAt' } as const;

export interface IndexDefinition {
  name: string;
  pk: string;
  sk: string;
}

export interface TableDefinition {
  logicalName: string;
  indexes: IndexDefinition[];
}

export const tableDefinition = (manifest: ServiceManifest): TableDefinition => ({
  logicalName: manifest.name,
  indexes: [
    ...[...builtInIndexes, ...(manifest.table.indexes ?? [])].map((name) => ({
      name,
      pk: `${name}pk`,
      sk: `${name}sk`,
    })),
    { ...outboxIndex },
  ],
});

export const physicalTableName = (prefix: string, service: string) => `${prefix}-${service}`;
