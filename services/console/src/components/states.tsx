import type { ReactNode } from 'react';
import { ApiProblem } from '../api/problem';

/** The three states every screen has besides its data: loading, empty and failed. */
export function Loading({ what }: { what: string }) {
  return (
    <p className="state state-loading" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="state state-empty">{children}</p>;
}

export function ErrorState({ error, retry }: { error: unknown; retry?: () => void }) {
  const message =
    error instanceof ApiProblem
      ? error.status === 404
        ? 'Not found, or not in your cities.'
        : error.status === 403
          ? 'Your role may not see this.'
          : `${error.message} (${error.status}${error.code ? `, ${error.code}` : ''})`
      : error instanceof Error
        ? error.message
        : 'Something went wrong.';
  return (
    <div className="state state-error" role="alert">
      <p>{message}</p>
      {retry && (
        <button type="button" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}
