// The one list of services. infra/ and packages/local read it; adding a service means adding
// its manifest here (and its routes to packages/contracts/src/catalog.ts, its events to event-catalog.ts).
import { manifest as directory } from './directory/manifest';
import { manifest as intake } from './intake/manifest';
import { manifest as stats } from './stats/manifest';
import { manifest as plans } from './plans/manifest';
import { manifest as webhooks } from './webhooks/manifest';
import { manifest as referrals } from './referrals/manifest';
import { manifest as inbox } from './inbox/manifest';

export const manifests = [directory, intake, plans, webhooks, referrals, stats, inbox];
