import { describe, expect, it } from '@jest/globals';
import type { referrals } from '@spolu/contracts';
import { brokenRule } from '../../../packages/local/test-support/rules';
import { isOverdue, sidesOf, transition } from '../src/domain/lifecycle';
import type { MatchCriteria } from '../src/domain/matching';
import { matchServices } from '../src/domain/matching';
import { changeSharedCare } from '../src/domain/shared-care';
import type { ConsentView } from '../src/domain/sharing';
import { accessStands, consentsFor, filterPackage, mergeConsent } from '../src/domain/sharing';
import { seededViews } from './seeded-services';

const ranked = (c: MatchCriteria, views = seededViews()) =>
  matchServices(views, c).map((x) => ({
    key: (x.service as { key?: string }).key,
    suitable: x.suitable,
    codes: x.reasons.map((r) => r.code),
  }));
const keysOf = (c: MatchCriteria, views = seededViews()) => ranked(c, views).map((x) => x.key);

describe('matching against the seeded directory (five realistic cases and more)', () => {
  it('1. K-centrum client (27-64, Liberec, uses drugs) who wants detox: detox first, then addiction care by waiting time', () => {
    expect(
      keysOf({
        region: 'CZ051',
        needs: ['detox', 'addiction-treatment'],
        ageBand: '27-64',
        district: 'liberec',
        targetGroup: 'substance-users',
      }),
    ).toEqual([
      'psychiatrie-liberec/detox', // both needs, 14 days
      'k-centrum-liberec/kontaktni-centrum', // no wait
      'k-centrum-liberec/adiktologicka-ambulance', // 10 days
      'psychiatrie-liberec/psychiatrie-dospeli', // 30 days
      'tk-jizerka/terapeuticka-komunita', // 45 days
    ]);
  });

  it('2. a 17-year-old in Liberec with mental-health needs: child psychiatry first despite its 120-day wait; the rest say why not', () => {
    const out = ranked({
      region: 'CZ051',
      needs: ['mental-health'],
      ageBand: '16-18',
      district: 'liberec',
      targetGroup: 'children-and-youth',
    });
    expect(out[0]).toEqual({
      key: 'psychiatrie-liberec/detska-psychiatrie',
      suitable: true,
      codes: ['need-matched', 'waiting-time'],
    });
    expect(out.slice(1).every((x) => !x.suitable)).toBe(true);
    expect(out.find((x) => x.key === 'psychiatrie-liberec/psychiatrie-dospeli')?.codes).toEqual(
      expect.arrayContaining(['age-partly-in-range', 'target-group-not-served']),
    );
    expect(out.at(-1)?.codes).toContain('district-not-served'); // FOKUS does not cover Liberec
  });

  it('3. a FOKUS client in Semily with chronic mental illness who needs work habits: social rehabilitation (14 days) before the workshops (21 days)', () => {
    expect(
      ranked({
        region: 'CZ051',
        needs: ['work-habits', 'daily-living-skills'],
        ageBand: '27-64',
        district: 'semily',
        targetGroup: 'chronic-mental-illness',
      }),
    ).toEqual([
      { key: 'fokus-semily/socialni-rehabilitace', suitable: true, codes: ['need-matched', 'waiting-time'] },
      { key: 'fokus-semily/std', suitable: true, codes: ['need-matched', 'waiting-time'] },
      {
        key: 'tk-jizerka/terapeuticka-komunita',
        suitable: false,
        codes: ['need-matched', 'target-group-not-served', 'waiting-time'],
      },
    ]);
  });

  it('4. services of another region are never offered: a Žďár client asking in Liberecký kraj sees no Spektrum, and why K-centrum does not fit', () => {
    const out = ranked({
      region: 'CZ051',
      needs: ['harm-reduction'],
      ageBand: '19-26',
      district: 'zdar-nad-sazavou',
      targetGroup: 'substance-users',
    });
    expect(out).toEqual([
      {
        key: 'k-centrum-liberec/kontaktni-centrum',
        suitable: false,
        codes: ['need-matched', 'district-not-served'],
      },
    ]);
    expect(
      keysOf({
        region: 'CZ063',
        needs: ['harm-reduction'],
        ageBand: '19-26',
        district: 'zdar-nad-sazavou',
        targetGroup: 'substance-users',
      }),
    ).toEqual(['spektrum-zdar/kontaktni-centrum', 'spektrum-zdar/terenni-program']);
  });

  it('5. a person in crisis (19-26, Liberec): the crisis centre first; child psychiatry shown as out of age range', () => {
    expect(
      ranked({
        region: 'CZ051',
        needs: ['crisis-help'],
        ageBand: '19-26',
        district: 'liberec',
        targetGroup: 'people-in-crisis',
      }),
    ).toEqual([
      { key: 'krizove-centrum-liberec/krizova-pomoc', suitable: true, codes: ['need-matched'] },
      {
        key: 'psychiatrie-liberec/detska-psychiatrie',
        suitable: false,
        codes: ['need-matched', 'age-out-of-range', 'target-group-not-served', 'waiting-time'],
      },
    ]);
  });

  it('6. a detox unit that stops accepting referrals drops below the services that do', () => {
    const views = seededViews().map((v) =>
      v.key === 'psychiatrie-liberec/detox' ? { ...v, acceptingReferrals: false } : v,
    );
    const out = ranked(
      {
        region: 'CZ051',
        needs: ['detox', 'addiction-treatment'],
        ageBand: '27-64',
        district: 'liberec',
        targetGroup: 'substance-users',
      },
      views,
    );
    expect(out.at(-1)).toEqual({
      key: 'psychiatrie-liberec/detox',
      suitable: false,
      codes: ['need-matched', 'not-accepting-referrals', 'waiting-time'],
    });
  });
});

const at = new Date('2026-11-23T10:00:00Z');
const draft = (): referrals.Referral => ({
  id: '01JCZ0000000000000000000RF',
  status: 'draft',
  internal: false,
  senderProviderId: 'S',
  receiverProviderId: 'R',
  toServiceId: '01JCZ0000000000000000000SV',
  toServiceName: 'Detox',
  toServiceType: 'health-detox',
  subjectKey: 'x'.repeat(43),
  ageBand: '27-64',
  district: 'liberec',
  targetGroup: 'substance-users',
  needCodes: ['detox'],
  sharedFields: [],
  history: [],
  createdBy: 'u',
  version: 1,
  createdAt: at.toISOString(),
  updatedAt: at.toISOString(),
});
const sender = { providerId: 'S', userId: 'u1' };
const receiver = { providerId: 'R', userId: 'u2' };

describe('referral lifecycle', () => {
  it('runs the closed loop with history on every step, and sets the response deadline from the service', () => {
    let r = transition(draft(), { action: 'send', clientData: {} }, sender, ['sender'], at, {
      responseDays: 5,
    });
    expect(r.respondBy).toBe('2026-11-28T10:00:00.000Z');
    r = transition(r, { action: 'receive' }, receiver, ['receiver'], at);
    r = transition(r, { action: 'waitlist', expectedDate: '2026-12-10' }, receiver, ['receiver'], at);
    r = transition(r, { action: 'accept' }, receiver, ['receiver'], at);
    r = transition(r, { action: 'start' }, receiver, ['receiver'], at);
    r = transition(r, { action: 'complete', outcome: 'successful' }, receiver, ['receiver'], at);
    expect(r.history.map((h) => h.status)).toEqual([
      'sent',
      'received',
      'waitlisted',
      'accepted',
      'in-progress',
      'completed',
    ]);
    expect(r.version).toBe(7);
  });

  it('refuses the wrong side, the wrong status, and reasons without what they need', () => {
    const sent = transition(draft(), { action: 'send', clientData: {} }, sender, ['sender'], at);
    expect(brokenRule(() => transition(sent, { action: 'accept' }, sender, ['sender'], at))).toBe(
      'referral-wrong-side',
    );
    expect(brokenRule(() => transition(sent, { action: 'start' }, receiver, ['receiver'], at))).toBe(
      'referral-status',
    );
    expect(
      brokenRule(() => transition(sent, { action: 'decline', reason: 'other' }, receiver, ['receiver'], at)),
    ).toBe('reason-other-note');
    const accepted = transition(sent, { action: 'accept' }, receiver, ['receiver'], at);
    expect(
      brokenRule(() =>
        transition(accepted, { action: 'complete', outcome: 'not-successful' }, receiver, ['receiver'], at),
      ),
    ).toBe('outcome-reason');
    expect(
      brokenRule(() =>
        transition(sent, { action: 'waitlist', expectedDate: '2020-01-01' }, receiver, ['receiver'], at),
      ),
    ).toBe('waitlist-date');
  });

  it('an internal referral is both sides; a third provider is neither', () => {
    expect(sidesOf({ senderProviderId: 'S', receiverProviderId: 'S' }, 'S')).toEqual(['sender', 'receiver']);
    expect(sidesOf({ senderProviderId: 'S', receiverProviderId: 'R' }, 'X')).toEqual([]);
  });

  it('expires only referrals awaiting an answer past their deadline', () => {
    const sent = transition(draft(), { action: 'send', clientData: {} }, sender, ['sender'], at, {
      responseDays: 2,
    });
    expect(isOverdue(sent, new Date('2026-11-25T09:59:59Z'))).toBe(false);
    expect(isOverdue(sent, new Date('2026-11-25T10:00:00Z'))).toBe(true);
    const accepted = transition(sent, { action: 'accept' }, receiver, ['receiver'], at);
    expect(isOverdue(accepted, new Date('2027-01-01T00:00:00Z'))).toBe(false);
  });
});

const consent = (over: Partial<ConsentView>): ConsentView => ({
  consentId: 'c1',
  clientId: 'k1',
  providerId: 'S',
  purpose: 'referral-share',
  recipientProviderId: 'R',
  sharedFields: ['name', 'needs'],
  status: 'given',
  at: at.toISOString(),
  ...over,
});

describe('consent-scoped sharing', () => {
  it('keeps only the consented fields for that recipient', () => {
    const consents = [
      consent({}),
      consent({ consentId: 'c2', recipientProviderId: 'OTHER', sharedFields: ['testResults'] }),
      consent({ consentId: 'c3', purpose: 'service-provision', recipientProviderId: undefined }),
    ];
    const scope = consentsFor(consents, 'k1', 'R');
    expect(scope).toEqual({ consentIds: ['c1'], fields: ['name', 'needs'] });
    expect(
      filterPackage(
        { name: 'Jana', needs: ['detox'], testResults: 'HCV reaktivní', goal: 'abstinence' },
        scope.fields,
      ),
    ).toEqual({
      name: 'Jana',
      needs: ['detox'],
    });
  });

  it('access ends when a relied-on consent is withdrawn; a late ConsentGiven never revives it', () => {
    const withdrawn = consent({ status: 'withdrawn' });
    expect(accessStands([consent({})], ['c1'])).toBe(true);
    expect(accessStands([withdrawn], ['c1'])).toBe(false);
    expect(accessStands([], [])).toBe(false);
    expect(mergeConsent(withdrawn, consent({}))).toBeUndefined();
    expect(mergeConsent(consent({}), withdrawn)).toEqual(withdrawn);
  });
});

describe('shared care', () => {
  const sc: referrals.SharedCare = {
    id: '01JCZ0000000000000000000SC',
    status: 'active',
    ownerProviderId: 'A',
    subjectKey: 'x'.repeat(43),
    parties: ['A', 'B', 'C'].map((p) => ({ providerId: p, responsibilities: 'x', contact: { name: 'n' } })),
    formerProviderIds: [],
    coordinatorProviderId: 'A',
    nextReviewAt: '2026-12-01',
    version: 1,
    createdAt: at.toISOString(),
    updatedAt: at.toISOString(),
  };
  it('a party may leave; only the coordinator removes others; the coordinator must stay a party', () => {
    const { next, change } = changeSharedCare(
      sc,
      { parties: sc.parties.filter((p) => p.providerId !== 'B') },
      'B',
      at,
    );
    expect(change).toEqual({ joined: [], left: ['B'] });
    expect(next.formerProviderIds).toEqual(['B']);
    expect(
      brokenRule(() =>
        changeSharedCare(sc, { parties: sc.parties.filter((p) => p.providerId !== 'C') }, 'B', at),
      ),
    ).toBe('only-coordinator-removes');
    expect(brokenRule(() => changeSharedCare(sc, { coordinatorProviderId: 'Z' }, 'A', at))).toBe(
      'coordinator-not-party',
    );
  });
  it('ends when fewer than two parties remain', () => {
    const { next } = changeSharedCare(sc, { parties: sc.parties.slice(0, 1) }, 'A', at);
    expect(next.status).toBe('ended');
  });
});
