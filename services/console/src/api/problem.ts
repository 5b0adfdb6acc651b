/** An error answer of the API: a problem document (docs/errors.md), with its field errors by field name. */
export interface FieldError {
  field: string;
  messages: string[];
}

export interface ProblemDocument {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  errors?: FieldError[];
}

export class ApiProblem extends Error {
  readonly status: number;
  readonly code: string | undefined;
  readonly fieldErrors: Record<string, string[]>;

  constructor(status: number, document: ProblemDocument | undefined) {
    super(document?.detail ?? document?.title ?? `The API answered ${status}`);
    this.name = 'ApiProblem';
    this.status = status;
    this.code = document?.code;
    this.fieldErrors = {};
    for (const error of document?.errors ?? []) {
      if (typeof error?.field === 'string' && Array.isArray(error.messages)) {
        this.fieldErrors[error.field] = [...(this.fieldErrors[error.field] ?? []), ...error.messages];
      }
    }
  }
}

function isProblem(value: unknown): value is ProblemDocument {
  return typeof value === 'object' && value !== null;
}

/** The error to throw from a failed call, so query and mutation hooks see one error type. */
export function toProblem(response: Response, body: unknown): ApiProblem {
  return new ApiProblem(response.status, isProblem(body) ? body : undefined);
}
