// Needs mapping (document 001): each need with the client's own priority and the worker's view.
// The client has the final say, unless the treatment is court-ordered.
import type { intake } from '@spolu/contracts';
import { needsTaxonomy } from '@spolu/contracts';
import type { z } from 'zod';
import type { Stamp } from './clients';
import { created } from './clients';

export const finalSayOf = (courtOrdered: boolean): z.infer<typeof intake.FinalSay> =>
  courtOrdered ? 'worker' : 'client';

export const newAssessment = (
  body: z.output<typeof intake.AssessNeedsBody>,
  clientId: string,
  courtOrdered: boolean,
  stamp: Stamp,
): intake.NeedsAssessment => {
  const finalSay = finalSayOf(courtOrdered);
  return {
    id: stamp.id,
    clientId,
    serviceId: body.serviceId,
    assessedAt: body.assessedAt,
    finalSay,
    courtOrdered,
    needs: body.needs.map((n) => {
      const def = needsTaxonomy.needs.find((x) => x.code === n.code)!;
      return {
        ...n,
        level: def.level,
        domain: def.domain,
        finalPriority: finalSay === 'client' ? n.clientPriority : n.workerPriority,
      };
    }),
    ...created(stamp),
  };
};
