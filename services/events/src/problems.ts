// The two ways a rule says no, kept apart because they answer differently over HTTP: a field problem is
// bad input (400 with field errors), a refusal is a request the record's current state does not allow (409).
// Codes are stable so the problem-details layer can map them without parsing messages.

/** One invalid input field. */
export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

/** Why an action is not allowed now. */
export interface Refusal {
  code: string;
  message: string;
}

export const problem = (field: string, code: string, message: string): FieldProblem => ({ field, code, message });

export const refusal = (code: string, message: string): Refusal => ({ code, message });
