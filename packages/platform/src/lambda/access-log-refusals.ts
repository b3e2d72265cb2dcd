// Lambda entry: CloudWatch Logs subscription on the HTTP API's access log -> AccessRefused events
// (source `spolu.gateway`) on the region's bus, for the refusals the JWT authorizer gave before
// any Lambda ran (401 forged/expired/missing token, 403 missing scope). The parsing is shared with
// the local gateway (../access-log). Env: EVENT_BUS_NAME, SPOLU_REGION.
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { RegionCode } from '@spolu/contracts';
import type { CloudWatchLogsEvent } from 'aws-lambda';
import { createLogger } from '../logger';
import { createAccessLogRefusals } from '../access-log';

const eventBridge = new EventBridgeClient({});

/** @public The Lambda entry infra names by this file. */
export const handler = (event: CloudWatchLogsEvent) =>
  createAccessLogRefusals({
    putEvents: async (entries) =>
      (await eventBridge.send(new PutEventsCommand({ Entries: entries }))).Entries ?? [],
    eventBusName: process.env.EVENT_BUS_NAME ?? '',
    region: RegionCode.parse(process.env.SPOLU_REGION),
    log: createLogger('access-log-refusals'),
  })(event);
