// Codes the contracts check with a refinement against regional data (districts, needs): their type
// there is a plain string, while the API document lists the codes as an enum and the typed client
// wants one of them. A body that passed the contract's check holds only known codes; these give
// its strings the document's type, checked once more at run time.
import type { components } from '@spolu/client';
import { needs, regions } from '@spolu/contracts';

type NeedCode = components['schemas']['AssessNeedsBody']['needs'][number]['code'];
type DistrictCode = components['schemas']['Service']['districts'][number];

const listed = <Code extends string>(codes: string[], what: string) => {
  const known = new Set(codes);
  const isListed = (code: string): code is Code => known.has(code);
  return (code: string): Code => {
    if (!isListed(code)) throw new Error(`${code}: not ${what}`);
    return code;
  };
};

export const needCode = listed<NeedCode>(
  needs.map((n) => n.code),
  'a need of the regional taxonomy',
);

export const districtCode = listed<DistrictCode>(
  regions.flatMap((r) => r.districts.map((d) => d.code)),
  'a district (ORP)',
);

/** A referral's client data (what the client consented to share) with its district and needs
 * typed as the document lists them. */
export const clientDataCodes = <Data extends { district?: string; needs?: string[] }>(data: Data) => ({
  ...data,
  district: data.district === undefined ? undefined : districtCode(data.district),
  needs: data.needs?.map(needCode),
});
