// Region (kraj) configuration read from cdk.json context. Parsed once, typed, and rejected with a
// readable message when ops mistype it, so a bad value fails synth instead of a deployment.
// A region is configuration: adding a kraj is one entry under context.regions, keyed by its code
// (any of the fourteen in the reference data, packages/contracts/data/districts.json). Each entry
// is checked on its own, so a bad entry stops only its own region's synth (and a synth of all).
import { allScopes, RegionCode, regions as kraje, Scopes, Ulid } from '@spolu/contracts';
import * as z from 'zod';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

const allowedLogRetentionDays = new Set<number>(
  Object.values(RetentionDays).filter((value): value is number => typeof value === 'number'),
);

const Throttle = z.strictObject({
  rateLimit: z.number().positive(),
  burstLimit: z.number().int().positive(),
});

const PartnerClientConfig = z.strictObject({
  /** The directory's partner client (`POST /partner-clients` answered it as `id`). */
  partnerClientId: Ulid,
  /** The provider it acts for. */
  tenantId: Ulid,
  /** Shown in the Cognito console and the runbook. */
  name: z.string().min(1).max(100),
  scopes: z
    .array(z.enum(allScopes))
    .min(1)
    .refine(
      (scopes) => !scopes.includes(Scopes.platformAdmin),
      'a partner system never gets spolu/platform.admin',
    ),
});
export type PartnerClientConfig = z.infer<typeof PartnerClientConfig>;

export const RegionConfig = z.strictObject({
  /** Shown in the stack description and the console; the kraj's name in the reference data when left out. */
  name: z.string().min(1).optional(),
  account: z.string().regex(/^\d{12}$/, 'AWS account id has 12 digits'),
  awsRegion: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as eu-central-1'),
  domain: z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'a DNS name such as liberecky.spolu.cz'),
  alarmEmail: z.email(),
  logRetentionDays: z
    .number()
    .int()
    .refine((days) => allowedLogRetentionDays.has(days), 'a CloudWatch Logs retention (e.g. 30, 90, 365)'),
  dataRetentionYears: z.number().int().min(1).max(30),
  /** Cognito hosted-login domain prefix; globally unique across AWS (`spolu-<code>` when left out). */
  authDomainPrefix: z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'lowercase letters, digits and dashes (a DNS label)')
    .refine(
      (prefix) => !/aws|amazon|cognito/.test(prefix),
      'Cognito refuses aws, amazon or cognito in a prefix',
    )
    .optional(),
  apiThrottle: Throttle.default({ rateLimit: 50, burstLimit: 100 }),
  /** Stage throttle of each route a partner system may call: a partner's loop cannot take the
   * whole region's rate (people's routes keep apiThrottle). */
  partnerRouteThrottle: Throttle.default({ rateLimit: 10, burstLimit: 20 }),
  /** Requests per minute the API lets one caller make (429 with Retry-After beyond it). */
  callerLimits: z
    .strictObject({
      perPartnerClientPerMinute: z.number().int().positive(),
      perProviderPerMinute: z.number().int().positive(),
    })
    .default({ perPartnerClientPerMinute: 300, perProviderPerMinute: 3000 }),
  /** Partner systems that may sign in with client credentials: one Cognito app client each. */
  partnerClients: z
    .array(PartnerClientConfig)
    .default([])
    .refine(
      (clients) => new Set(clients.map((client) => client.partnerClientId)).size === clients.length,
      'each partnerClientId once',
    ),
  backup: z
    .strictObject({
      /** A vault in another account that receives a copy of every monthly recovery point. */
      copyToVaultArn: z
        .string()
        .regex(/^arn:aws:backup:[a-z0-9-]+:\d{12}:backup-vault:[A-Za-z0-9_.-]+$/, 'a backup vault ARN')
        .optional(),
    })
    .default({}),
});
export type RegionConfig = z.infer<typeof RegionConfig>;

export interface RegionDeployment extends Omit<RegionConfig, 'name' | 'authDomainPrefix'> {
  code: RegionCode;
  name: string;
  authDomainPrefix: string;
}

const issuesOf = (path: string, error: z.ZodError) =>
  error.issues.map((issue) => `cdk.json ${[path, ...issue.path].join('.')}: ${issue.message}`);

/** Every configured region with its problems: an entry's own (its key, its fields) and the ones it
 * shares with another entry (the same auth domain prefix, the same account and AWS region). */
export const checkRegions = (regionsContext: unknown) => {
  const entries = z.record(z.string(), z.unknown()).safeParse(regionsContext);
  if (!entries.success || Object.keys(entries.data).length === 0)
    return {
      deployments: [] as RegionDeployment[],
      problems: new Map([['', ['cdk.json context "regions" must configure at least one kraj']]]),
    };
  const problems = new Map<string, string[]>();
  const note = (key: string, problem: string) => problems.set(key, [...(problems.get(key) ?? []), problem]);
  const deployments: RegionDeployment[] = [];
  for (const [key, value] of Object.entries(entries.data)) {
    const code = RegionCode.safeParse(key);
    if (!code.success) {
      note(key, `cdk.json regions.${key}: not a kraj code (${RegionCode.options.join(', ')})`);
      continue;
    }
    const config = RegionConfig.safeParse(value);
    if (!config.success) {
      for (const problem of issuesOf(`regions.${key}`, config.error)) note(key, problem);
      continue;
    }
    deployments.push({
      ...config.data,
      code: code.data,
      name: config.data.name ?? kraje.find((k) => k.code === code.data)!.name,
      authDomainPrefix: config.data.authDomainPrefix ?? `spolu-${code.data.toLowerCase()}`,
    });
  }
  // Cross-region: a second region with the same hosted-login prefix or in the same account and
  // AWS region would fail at its deploy (the Cognito domain, the stack's resource names).
  const shared = (what: string, valueOf: (d: RegionDeployment) => string) => {
    for (const d of deployments) {
      const others = deployments.filter((o) => o !== d && valueOf(o) === valueOf(d)).map((o) => o.code);
      if (others.length > 0)
        note(
          d.code,
          `cdk.json regions.${d.code}.${what}: ${valueOf(d)} is also ${others.join(', ')}'s; each kraj needs its own`,
        );
    }
  };
  shared('authDomainPrefix', (d) => d.authDomainPrefix);
  shared('account', (d) => `${d.account} ${d.awsRegion}`);
  return { deployments, problems };
};

const listed = (problems: string[]) => problems.map((p) => `  ${p}`).join('\n');

/** The regions to synthesize: all configured ones, or the one named by `-c region=CZ051`. A synth of
 * all refuses while any entry has a problem and lists them all; a synth of one region needs only
 * that region's entry (and what it shares with others) to be right. */
export const selectRegions = (regionsContext: unknown, selected: unknown): RegionDeployment[] => {
  const { deployments, problems } = checkRegions(regionsContext);
  if (selected === undefined) {
    if (problems.size > 0)
      throw new Error(`invalid cdk.json context "regions":\n${listed([...problems.values()].flat())}`);
    return deployments;
  }
  const code = RegionCode.safeParse(selected);
  const own = code.success ? problems.get(code.data) : undefined;
  if (own) throw new Error(`invalid cdk.json context "regions" for ${code.data}:\n${listed(own)}`);
  const match = code.success ? deployments.find((region) => region.code === code.data) : undefined;
  if (!match) {
    throw new Error(
      `-c region=${String(selected)} is not configured; choose one of ${deployments.map((r) => r.code).join(', ')}`,
    );
  }
  return [match];
};
