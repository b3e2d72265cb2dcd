// The FHIR face of referrals (docs/REFERRALS.md, "FHIR"): a hospital posts a ServiceRequest and a
// Task, follows the Task, and cancels through it. Same scopes, roles, tenancy and audit as the
// referral routes; answers are application/fhir+json, errors an OperationOutcome when the caller
// accepts FHIR (problem+json otherwise).
import * as z from 'zod';
import { Scopes } from '../auth';
import { defineRoute } from '../http';
import { Ulid } from '../ids';
import {
  FhirCapabilityStatement,
  FhirServiceRequest,
  FhirServiceRequestInput,
  FhirTask,
  FhirTaskBundle,
  FhirTaskInput,
  FhirTaskSearch,
  fhirMediaType,
} from './schemas';

const read = [Scopes.referralsRead];
const write = [Scopes.referralsWrite];
const tags = ['fhir'];
const fhir = {
  roles: ['worker', 'key-worker', 'partner'],
  clientData: true,
  tags,
  responseMediaType: fhirMediaType,
} as const;
const IdParams = z.strictObject({ id: Ulid });

export const fhirRoutes = {
  metadata: defineRoute({
    id: 'fhir.metadata',
    method: 'GET',
    path: '/fhir/metadata',
    summary: 'The FHIR CapabilityStatement: resources, interactions, search parameters, code systems',
    scopes: read,
    response: FhirCapabilityStatement,
    ...fhir,
    clientData: false,
  }),
  createServiceRequest: defineRoute({
    id: 'fhir.createServiceRequest',
    method: 'POST',
    path: '/fhir/ServiceRequest',
    summary: 'Draft a referral from a FHIR ServiceRequest (the Task that follows sends it)',
    scopes: write,
    body: FhirServiceRequestInput,
    response: FhirServiceRequest,
    status: 201,
    idempotent: true,
    ...fhir,
  }),
  getServiceRequest: defineRoute({
    id: 'fhir.getServiceRequest',
    method: 'GET',
    path: '/fhir/ServiceRequest/{id}',
    summary: 'A referral as a FHIR ServiceRequest',
    scopes: read,
    params: IdParams,
    response: FhirServiceRequest,
    ...fhir,
  }),
  createTask: defineRoute({
    id: 'fhir.createTask',
    method: 'POST',
    path: '/fhir/Task',
    summary: 'Send a drafted referral: a Task (status requested) whose focus is its ServiceRequest',
    description:
      'The client data to share travels as a Patient contained in the Task (Task.for = #id); only the fields the client consented to share with the receiving provider are kept.',
    scopes: write,
    body: FhirTaskInput,
    response: FhirTask,
    status: 201,
    idempotent: true,
    ...fhir,
  }),
  getTask: defineRoute({
    id: 'fhir.getTask',
    method: 'GET',
    path: '/fhir/Task/{id}',
    summary: "A referral's fulfilment and status as a FHIR Task",
    scopes: read,
    params: IdParams,
    response: FhirTask,
    ...fhir,
  }),
  searchTasks: defineRoute({
    id: 'fhir.searchTasks',
    method: 'GET',
    path: '/fhir/Task',
    summary: 'Tasks of the referrals the caller’s provider sent or received, by status, owner, requester',
    scopes: read,
    query: FhirTaskSearch,
    response: FhirTaskBundle,
    ...fhir,
  }),
  updateTask: defineRoute({
    id: 'fhir.updateTask',
    method: 'PUT',
    path: '/fhir/Task/{id}',
    summary: 'Move the referral by the Task status (If-Match: its ETag)',
    description:
      'The new Task.status names the step (received, accepted, rejected, on-hold, in-progress, completed, failed, cancelled); statusReason carries the reason, restriction.period.start the expected date of on-hold, note[0] the note.',
    scopes: write,
    params: IdParams,
    body: FhirTaskInput,
    response: FhirTask,
    requiresIfMatch: true,
    ...fhir,
  }),
};
