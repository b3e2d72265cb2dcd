// Drafting a referral and moving it along its lifecycle, shared by the referral routes and their
// FHIR face (fhir.ts): the same checks, records, events and audit whichever form the request took.
import type { AuditEntry, AuthContext, RuntimeEnv, UnitOfWork } from '@spolu/platform';
import type { Warning, referrals } from '@spolu/contracts';
import { newId } from '@spolu/contracts';
import type * as z from 'zod';
import { DomainRuleViolation, forbidden, isPartnerCaller, subjectKey } from '@spolu/platform';
import { draftWarnings, sendWarnings } from '../domain/advice';
import { keyWorkerHandover } from '../domain/key-worker-handover';
import { sidesOf, transition } from '../domain/lifecycle';
import { consentsFor, filterPackage } from '../domain/sharing';
import type { ShareableFieldName } from '../domain/types';
import type { Store } from '../store';
import type { helpers } from './common';
import { emitStatus } from './emit';

type Referral = referrals.Referral;

/** Who asks, and where the request's writes and audit entries go. */
export interface CommandContext {
  tenant: string;
  auth: AuthContext;
  tx: UnitOfWork;
  audit: (entry: AuditEntry) => void;
}

const partnerActions: ReadonlySet<referrals.TransitionBody['action']> = new Set(['send', 'cancel']);

export const referralCommands = (env: RuntimeEnv, store: Store, h: ReturnType<typeof helpers>) => {
  /** A referral draft to a service of the region (or to a colleague: an internal referral). */
  const create = async (
    { tenant: t, auth, tx, audit }: CommandContext,
    body: z.output<typeof referrals.CreateReferralBody>,
  ) => {
    const service = await store.findService(body.toServiceId);
    if (!service || !service.active || service.region !== env.region)
      throw new DomainRuleViolation(
        'unknown-service',
        'no such active service in this region',
        'body.toServiceId',
      );
    const internal = service.providerId === t;
    if (internal && !body.toWorkerId)
      throw new DomainRuleViolation(
        'internal-needs-worker',
        'a referral within the own provider names the colleague (toWorkerId)',
        'body.toWorkerId',
      );
    if (!internal && !service.acceptingReferrals)
      throw new DomainRuleViolation(
        'not-accepting',
        'the service does not accept referrals at the moment',
        'body.toServiceId',
      );
    const at = env.now().toISOString();
    // The receiving service sees who refers (and how to reach them) before it accepts.
    const sender: referrals.ReferralSender = {
      providerName: (await h.providerName(t, body.fromServiceId)) ?? t,
      ...(auth.name ? { workerName: auth.name } : {}),
      ...body.senderContact,
    };
    const referral: Referral & { clientId: string } = {
      id: newId(),
      status: 'draft',
      internal,
      senderProviderId: t,
      fromServiceId: body.fromServiceId,
      receiverProviderId: service.providerId,
      toServiceId: service.id,
      toServiceName: service.name,
      toServiceType: service.type,
      toWorkerId: body.toWorkerId,
      clientId: body.clientId,
      subjectKey: subjectKey(env.subjectKeySecret, t, body.clientId),
      ageBand: body.ageBand,
      district: body.district,
      targetGroup: body.targetGroup,
      needCodes: body.needCodes,
      sharedFields: [],
      history: [{ status: 'draft', at, by: { providerId: t, userId: auth.userId } }],
      sender,
      createdBy: auth.userId,
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    store.createReferral(tx, referral);
    audit({ action: 'create', recordType: 'referral', recordId: referral.id, clientId: body.clientId });
    return { referral, warnings: draftWarnings(service, referral) };
  };

  /** The send action freezes the consented part of the client's data as the share package. */
  const freezePackage = async (
    t: string,
    tx: UnitOfWork,
    current: Referral & { clientId: string },
    clientData: referrals.ClientDataInput,
  ) => {
    const service = await store.getService(current.receiverProviderId, current.toServiceId);
    // Within one provider the data is already the provider's own: nothing to scope.
    const scope = current.internal
      ? { consentIds: [], fields: Object.keys(clientData) as ShareableFieldName[] }
      : consentsFor(
          await store.consentsOf(t, current.clientId),
          current.clientId,
          current.receiverProviderId,
        );
    const data = filterPackage(clientData, scope.fields);
    const sharedFields = Object.keys(data).sort() as ShareableFieldName[];
    store.putPackage(tx, t, {
      package: {
        referralId: current.id,
        senderProviderId: t,
        receiverProviderId: current.receiverProviderId,
        sharedFields,
        frozenAt: env.now().toISOString(),
        data,
      },
      consentIds: scope.consentIds,
      internal: current.internal,
      clientId: current.clientId,
    });
    return { sharedFields, responseDays: service?.referralResponseDays };
  };

  /** One step of the lifecycle, by the side the caller's provider is; `ifMatch` is the version
   * the caller loaded. */
  const move = async (
    { tenant: t, auth, tx, audit }: CommandContext,
    referralId: string,
    body: referrals.TransitionBody,
    ifMatch: number,
  ) => {
    // A partner system sends and cancels its provider's referrals; answering one (accept,
    // decline, ...) stays with the receiving provider's people (docs/PARTNERS.md).
    if (isPartnerCaller(auth) && !partnerActions.has(body.action))
      throw forbidden(`a partner system may only ${[...partnerActions].join(' or ')} a referral`);
    const current = await h.senderItem(await h.visibleReferral(t, referralId));
    const sides = sidesOf(current, t);
    const sent = body.action === 'send' ? await freezePackage(t, tx, current, body.clientData) : undefined;
    const warnings: Warning[] = sent ? sendWarnings(sent.sharedFields) : [];
    const next = {
      ...transition(current, body, { providerId: t, userId: auth.userId }, sides, env.now(), {
        responseDays: sent?.responseDays,
        sharedFields: sent?.sharedFields ?? [],
      }),
      clientId: current.clientId,
    };
    const handover = keyWorkerHandover(current, body, auth.userId);
    store.replaceReferral(tx, next, ifMatch);
    emitStatus(tx, next, h.facts(next, current.status), handover ? { keyWorkerHandover: handover } : {});
    audit({
      action: 'update',
      recordType: 'referral',
      recordId: next.id,
      clientId: t === next.senderProviderId ? next.clientId : undefined,
      reason: body.action,
    });
    return { next, warnings };
  };

  return { create, move };
};
