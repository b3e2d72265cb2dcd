// A region is configuration: a kraj outside today's three synthesizes from one cdk.json entry with
// no code change, a malformed entry names its region and field while the others still synthesize,
// and what two entries must not share (auth domain prefix, account + AWS region) is refused.
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Template } from 'aws-cdk-lib/assertions';
import { checkRegions, selectRegions } from '../../infra/lib/config';
import type { RegionStack } from '../../infra/lib/region-stack';
import { buildTestApp, cdkContext, regionTemplates } from './support';

const configured = cdkContext.regions as Record<string, Record<string, unknown>>;

/** Jihomoravský kraj, as ops would add it: the fields below and nothing else (name, throttles,
 * limits and retention rules come from the reference data and the defaults). */
const cz064 = {
  account: '444444444444',
  awsRegion: 'eu-central-1',
  domain: 'jihomoravsky.spolu.cz',
  alarmEmail: 'provoz+cz064@spolu.cz',
  logRetentionDays: 365,
  dataRetentionYears: 10,
};

describe('cdk.json regions: each entry on its own', () => {
  it('takes a new kraj from one entry, its name from the reference data', () => {
    const [region] = selectRegions({ ...configured, CZ064: cz064 }, 'CZ064');
    expect(region).toEqual(
      expect.objectContaining({
        code: 'CZ064',
        name: 'Jihomoravský kraj',
        authDomainPrefix: 'spolu-cz064',
        apiThrottle: { rateLimit: 50, burstLimit: 100 },
      }),
    );
    expect(selectRegions({ ...configured, CZ064: cz064 }, undefined).map((r) => r.code)).toEqual([
      'CZ051',
      'CZ063',
      'CZ072',
      'CZ064',
    ]);
  });

  it('names the region and the field of a malformed entry, and still selects the others', () => {
    const regions = { ...configured, CZ064: { ...cz064, account: '4444', alarmEmail: 'provoz' } };
    expect(() => selectRegions(regions, 'CZ064')).toThrow(
      'cdk.json regions.CZ064.account: AWS account id has 12 digits',
    );
    expect(() => selectRegions(regions, 'CZ064')).toThrow(/cdk\.json regions\.CZ064\.alarmEmail: /);
    // A synth of all refuses and lists every problem; a synth of another region does not mind.
    expect(() => selectRegions(regions, undefined)).toThrow(
      /regions\.CZ064\.account: .*\n.*regions\.CZ064\.alarmEmail/,
    );
    expect(selectRegions(regions, 'CZ051').map((r) => r.code)).toEqual(['CZ051']);
    expect(checkRegions(regions).deployments.map((r) => r.code)).toEqual(['CZ051', 'CZ063', 'CZ072']);
  });

  it('refuses a key that is not a kraj code, and an unknown field', () => {
    expect(() => selectRegions({ ...configured, CZ099: cz064 }, undefined)).toThrow(
      /cdk\.json regions\.CZ099: not a kraj code \(CZ010, CZ020, .*CZ080\)/,
    );
    expect(() => selectRegions({ ...configured, CZ064: { ...cz064, acount: '1' } }, 'CZ064')).toThrow(
      /cdk\.json regions\.CZ064: Unrecognized key: "acount"/,
    );
    expect(selectRegions({ ...configured, CZ099: cz064 }, 'CZ063').map((r) => r.code)).toEqual(['CZ063']);
  });

  it('refuses two kraje with one auth domain prefix, or in one account and AWS region', () => {
    const samePrefix = { ...configured, CZ064: { ...cz064, authDomainPrefix: 'spolu-cz051' } };
    for (const selected of [undefined, 'CZ051', 'CZ064'])
      expect(() => selectRegions(samePrefix, selected)).toThrow(
        /cdk\.json regions\.CZ0(51|64)\.authDomainPrefix: spolu-cz051 is also CZ0(64|51)'s; each kraj needs its own/,
      );
    // A region the clash does not involve still synthesizes.
    expect(selectRegions(samePrefix, 'CZ063').map((r) => r.code)).toEqual(['CZ063']);
    // The default prefix counts as well: CZ064 naming CZ051's default.
    const onDefault = {
      CZ051: { ...configured.CZ051, authDomainPrefix: undefined },
      CZ064: samePrefix.CZ064,
    };
    expect(() => selectRegions(onDefault, 'CZ064')).toThrow(/spolu-cz051 is also CZ051's/);

    const sameAccount = { ...configured, CZ064: { ...cz064, account: configured.CZ063!.account } };
    expect(() => selectRegions(sameAccount, 'CZ064')).toThrow(
      /cdk\.json regions\.CZ064\.account: 222222222222 eu-central-1 is also CZ063's/,
    );
    // Another AWS region of the same account is a separate deployment.
    expect(
      selectRegions({ ...sameAccount, CZ064: { ...sameAccount.CZ064, awsRegion: 'eu-west-1' } }, 'CZ064'),
    ).toHaveLength(1);
  });
});

describe("a kraj outside today's three, synthesized from a test copy of cdk.json", () => {
  let stacks: RegionStack[];
  let template: Template;
  beforeAll(() => {
    // Beside it a malformed entry of another kraj: it must not stop CZ064's synth.
    const built = buildTestApp({
      regions: { ...configured, CZ064: cz064, CZ080: { ...cz064, account: 'x' } },
      region: 'CZ064',
    });
    stacks = built.stacks;
    template = regionTemplates(built.app.synth(), stacks[0]!).merged;
  });

  it('builds its stack with no code change: its account, its Cognito domain, its mail domain', () => {
    expect(stacks.map((s) => [s.stackName, s.account, s.region])).toEqual([
      ['Spolu-CZ064', '444444444444', 'eu-central-1'],
    ]);
    expect(stacks[0]!.templateOptions.description).toBe('Spolu for Jihomoravský kraj (CZ064)');
    const json = JSON.stringify(template.toJSON());
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'spolu-cz064' });
    template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'jihomoravsky.spolu.cz' });
    template.hasResourceProperties('AWS::SNS::Subscription', { Endpoint: 'provoz+cz064@spolu.cz' });
    expect(json).not.toMatch(/spolu-cz051|liberecky\.spolu\.cz/);
  });
});
