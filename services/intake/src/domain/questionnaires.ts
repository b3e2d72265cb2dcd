// Intake questionnaires: versioned templates with typed questions; answers are validated against
// the exact template version they were given on.
import type { intake, Problem } from '@spolu/contracts';
import { DomainRuleViolation } from '@spolu/platform';
import type { z } from 'zod';

type Template = intake.QuestionnaireTemplate;
type Answer = intake.Answer;
type Issue = NonNullable<Problem['errors']>[number];

const issue = (code: string, question: string, message: string): Issue => ({
  path: `body.answers.${question}`,
  message,
  code,
});

const checkAnswer = (q: intake.Question, a: Answer): string | undefined => {
  switch (q.type) {
    case 'single-choice':
      if (typeof a !== 'string') return 'expects one option code';
      return q.options.some((o) => o.code === a) ? undefined : `unknown option "${a}"`;
    case 'multi-choice': {
      if (!Array.isArray(a)) return 'expects a list of option codes';
      if (a.length === 0) return 'choose at least one option';
      const unknown = a.filter((c) => !q.options.some((o) => o.code === c));
      if (unknown.length > 0) return `unknown options: ${unknown.join(', ')}`;
      if (new Set(a).size !== a.length) return 'options repeat';
      if (q.maxChoices !== undefined && a.length > q.maxChoices) return `at most ${q.maxChoices} options`;
      return undefined;
    }
    case 'number':
      if (typeof a !== 'number' || !Number.isFinite(a)) return 'expects a number';
      if (q.integer && !Number.isInteger(a)) return 'expects a whole number';
      if (q.min !== undefined && a < q.min) return `must be at least ${q.min}`;
      if (q.max !== undefined && a > q.max) return `must be at most ${q.max}`;
      return undefined;
    case 'duration':
      return typeof a === 'object' && !Array.isArray(a) ? undefined : 'expects { amount, unit }';
    case 'text':
      if (typeof a !== 'string') return 'expects text';
      if (a.trim().length === 0) return 'must not be empty';
      return a.length > q.maxLength ? `at most ${q.maxLength} characters` : undefined;
  }
};

/** Every problem with a set of answers, against one template version. Empty means valid. */
export const answerIssues = (
  template: Pick<Template, 'questions'>,
  answers: Record<string, Answer>,
): Issue[] => {
  const issues: Issue[] = [];
  for (const code of Object.keys(answers)) {
    if (!template.questions.some((q) => q.code === code))
      issues.push(issue('unknown-question', code, 'not a question of this template version'));
  }
  for (const q of template.questions) {
    const a = answers[q.code];
    if (a === undefined) {
      if (q.required) issues.push(issue('answer-required', q.code, 'this question must be answered'));
      continue;
    }
    const problem = checkAnswer(q, a);
    if (problem) issues.push(issue('answer-invalid', q.code, problem));
  }
  return issues;
};

export const assertTemplateSound = (fields: z.output<typeof intake.TemplateFields>) => {
  fields.questions.forEach((q, i) => {
    if (
      (q.type === 'single-choice' || q.type === 'multi-choice') &&
      new Set(q.options.map((o) => o.code)).size !== q.options.length
    )
      throw new DomainRuleViolation(
        'option-codes-repeat',
        `question ${q.code}: option codes repeat`,
        `body.questions[${i}].options`,
      );
    if (q.type === 'number' && q.min !== undefined && q.max !== undefined && q.min > q.max)
      throw new DomainRuleViolation(
        'number-range',
        `question ${q.code}: min exceeds max`,
        `body.questions[${i}].max`,
      );
  });
};
