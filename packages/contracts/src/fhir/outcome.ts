// A problem (RFC 9457) as the FHIR error form, an OperationOutcome: one issue per failing field
// (or one for the whole problem), the problem type and the rule or field code as codings, the
// text in the language the problem was worded in, the field as a FHIRPath-like expression.
import type { Problem } from '../problem';
import { problemTypeBase } from '../problem';
import { FhirSystems } from './systems';

type IssueCode =
  | 'invalid'
  | 'login'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'too-costly'
  | 'not-supported'
  | 'business-rule'
  | 'required'
  | 'throttled'
  | 'exception';

const issueCodeOf = (problem: Problem, hasRuleCode: boolean): IssueCode => {
  const byStatus: Record<number, IssueCode> = {
    400: 'invalid',
    401: 'login',
    403: 'forbidden',
    404: 'not-found',
    409: 'conflict',
    412: 'conflict',
    413: 'too-costly',
    415: 'not-supported',
    428: 'required',
    429: 'throttled',
  };
  if (problem.status === 422) return hasRuleCode ? 'business-rule' : 'invalid';
  return byStatus[problem.status] ?? (problem.status >= 500 ? 'exception' : 'invalid');
};

/** `body.status` -> `Task.status`; `body.contained.0.birthDate` -> `Task.contained[0].birthDate`. */
const expressionOf = (path: string, resourceType: string | undefined) => {
  const parts = path.split('.').filter(Boolean);
  if (parts[0] === 'body') parts[0] = resourceType ?? 'Resource';
  return parts.map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
};

export const operationOutcomeOf = (problem: Problem, resourceType?: string) => {
  const slug = problem.type.startsWith(problemTypeBase)
    ? problem.type.slice(problemTypeBase.length)
    : problem.type;
  const problemCoding = { system: FhirSystems.problem, code: slug, display: problem.title };
  const issues = problem.errors?.length
    ? problem.errors.map((e) => ({
        severity: 'error' as const,
        code: issueCodeOf(problem, Boolean(e.code)),
        details: {
          coding: [problemCoding, ...(e.code ? [{ system: FhirSystems.problem, code: e.code }] : [])],
          text: e.message,
        },
        ...(problem.detail ? { diagnostics: problem.detail } : {}),
        ...(e.path ? { expression: [expressionOf(e.path, resourceType)] } : {}),
      }))
    : [
        {
          severity: problem.status >= 500 ? ('fatal' as const) : ('error' as const),
          code: issueCodeOf(problem, false),
          details: { coding: [problemCoding], text: problem.detail ?? problem.title },
        },
      ];
  return { resourceType: 'OperationOutcome' as const, issue: issues };
};
