// Need codes as the API document types them. The contracts check a code against the regional
// taxonomy with a refinement, so their type is a plain string; the document lists the codes as an
// enum, and the typed client wants one of them. A body that passed the contract's check holds only
// known codes: these turn its strings into the document's type, checked once more at run time.
import type { components } from '@spolu/client';
import { needs } from '@spolu/contracts';

export type NeedCode = components['schemas']['AssessNeedsBody']['needs'][number]['code'];

const known = new Set<string>(needs.map((n) => n.code));
const isNeedCode = (code: string): code is NeedCode => known.has(code);

export const needCode = (code: string): NeedCode => {
  if (!isNeedCode(code)) throw new Error(`${code}: not a need code of the regional taxonomy`);
  return code;
};

export const needCodes = (codes: readonly string[]): NeedCode[] => codes.map(needCode);
