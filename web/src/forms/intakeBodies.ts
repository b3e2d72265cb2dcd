// The intake bodies forms/lazyBodies.ts loads on first use: this module is their chunk's entry, so
// the chunk holds these schemas (and zod), not the whole contracts package.
import { intake } from '@spolu/contracts';

export const { ArrangeWithUnnamedBody, MakeAgreementBody, RecordContactBody } = intake;
