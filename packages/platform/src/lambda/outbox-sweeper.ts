// Lambda entry: scheduled republish of outbox items the stream path did not confirm.
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { documentClient } from '../env';
import { createLogger } from '../logger';
import { createOutboxSweeper } from '../outbox';

const eventBridge = new EventBridgeClient({});

/** @public The Lambda entry infra names by this file. */
export const handler = createOutboxSweeper({
  putEvents: async (entries) =>
    (await eventBridge.send(new PutEventsCommand({ Entries: entries }))).Entries ?? [],
  eventBusName: process.env.EVENT_BUS_NAME ?? '',
  tableName: process.env.TABLE_NAME ?? '',
  ddb: documentClient(),
  now: () => new Date(),
  log: createLogger('outbox-sweeper'),
});
