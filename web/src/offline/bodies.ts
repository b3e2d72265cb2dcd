// The outbox's records checked by the contract before they are sent. A chunk of its own, loaded at
// the first send: the contracts' schemas (and zod) are not part of the console's first download
// (issue 24 item 5).
import { intake } from '@spolu/contracts';

export const contactBody = (body: unknown) => intake.RecordContactBody.parse(body);
export const phoneArrangementBody = (body: unknown) => intake.ArrangeWithUnnamedBody.parse(body);
