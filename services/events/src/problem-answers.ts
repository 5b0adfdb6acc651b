// The rules answer in their own terms (problems.ts) so they stay free of Nest; this is where those answers
// become problem documents: field problems a 400 naming each field, a refusal a 409 whose `reason` is the
// rule's stable code.
import { Problem, type ProblemCode } from '@crosswalk/problems';
import type { FieldProblem, Refusal } from './problems';

/** A 400 with one entry per field, its messages in the order the rules gave them. */
export function invalidFields(problems: readonly FieldProblem[]): Problem {
  const byField = new Map<string, string[]>();
  for (const { field, message } of problems) byField.set(field, [...(byField.get(field) ?? []), message]);
  return Problem.invalid([...byField].map(([field, messages]) => ({ field, messages })));
}

export function refused(code: ProblemCode, refusal: Refusal): Problem {
  return new Problem(code, refusal.message, { extensions: { reason: refusal.code } });
}
