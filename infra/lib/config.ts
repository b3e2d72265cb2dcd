// Region (kraj) configuration read from cdk.json context. Parsed once, typed, and rejected with a
// readable message when ops mistype it, so a bad value fails synth instead of a deployment.
import { allScopes, RegionCode, Scopes, Ulid } from '@spolu/contracts';
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
  name: z.string().min(1),
  account: z.string().regex(/^\d{12}$/, 'AWS account id has 12 digits'),
  awsRegion: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as eu-central-1'),
  domain: z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'a DNS name such as liberecky.spolu.cz'),
  alarmEmail: z.email(),
  logRetentionDays: z
    .number()
    .int()
    .refine((days) => allowedLogRetentionDays.has(days), 'a CloudWatch Logs retention (e.g. 30, 90, 365)'),
  dataRetentionYears: z.number().int().min(1).max(30),
  /** Cognito hosted-login domain prefix; globally unique across AWS. */
  authDomainPrefix: z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/)
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

export const RegionsContext = z
  .partialRecord(RegionCode, RegionConfig)
  .refine((regions) => Object.keys(regions).length > 0, {
    message: 'cdk.json context "regions" must configure at least one kraj',
  });
export type RegionsContext = z.infer<typeof RegionsContext>;

export interface RegionDeployment extends RegionConfig {
  code: RegionCode;
}

const describe = (error: z.ZodError) =>
  error.issues.map((issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`).join('\n');

/** The regions to synthesize: all configured ones, or the one named by `-c region=CZ051`. */
export const selectRegions = (regionsContext: unknown, selected: unknown): RegionDeployment[] => {
  const parsed = RegionsContext.safeParse(regionsContext);
  if (!parsed.success) throw new Error(`invalid cdk.json context "regions":\n${describe(parsed.error)}`);
  const all = Object.entries(parsed.data).map(([code, config]) => ({
    ...(config as RegionConfig),
    code: RegionCode.parse(code),
  }));
  if (selected === undefined) return all;
  const code = RegionCode.safeParse(selected);
  const match = code.success ? all.find((region) => region.code === code.data) : undefined;
  if (!match) {
    throw new Error(
      `-c region=${String(selected)} is not configured; choose one of ${all.map((r) => r.code).join(', ')}`,
    );
  }
  return [match];
};
