// Lambda entry: DynamoDB Stream (filtered to outbox inserts) -> EventBridge.
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { documentClient } from '../env';
import { createLogger } from '../logger';
import { createOutboxPublisher } from '../outbox';

const eventBridge = new EventBridgeClient({});

/** @public The Lambda entry infra names by this file. */
export const handler = createOutboxPublisher({
  putEvents: async (entries) =>
    (await eventBridge.send(new PutEventsCommand({ Entries: entries }))).Entries ?? [],
  eventBusName: process.env.EVENT_BUS_NAME ?? '',
  tableName: process.env.TABLE_NAME ?? '',
  ddb: documentClient(),
  log: createLogger('outbox-publisher'),
});
