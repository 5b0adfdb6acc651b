import { useId, type ReactNode } from 'react';

/** A labelled control with the API's field errors (problem details `errors[]`) shown beside it. */
export function Field({
  label,
  errors,
  children,
}: {
  label: string;
  errors?: string[];
  children: (props: { id: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string }) => ReactNode;
}) {
  const id = useId();
  const errorId = `${id}-errors`;
  const invalid = Boolean(errors?.length);
  return (
    <div className={`field${invalid ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, ...(invalid && { 'aria-invalid': true, 'aria-describedby': errorId }) })}
      {invalid && (
        <ul className="field-errors" id={errorId}>
          {errors?.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
