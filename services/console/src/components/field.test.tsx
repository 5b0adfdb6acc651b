import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiProblem } from '../api/problem';
import { Field } from './field';

describe('Field', () => {
  it('shows the field errors of a problem document beside its control, tied to it for screen readers', () => {
    const problem = new ApiProblem(400, {
      title: 'Validation failed',
      code: 'validation_failed',
      errors: [
        { field: 'name', messages: ['name should not be empty'] },
        { field: 'sector', messages: ['sector must be one of district, charter'] },
      ],
    });
    render(
      <Field label="Name" errors={problem.fieldErrors.name}>
        {(props) => <input {...props} />}
      </Field>,
    );
    const input = screen.getByLabelText('Name');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const described = document.getElementById(input.getAttribute('aria-describedby') ?? '');
    expect(described?.textContent).toBe('name should not be empty');
    expect(screen.queryByText(/sector must be/)).toBeNull();
  });

  it('marks nothing invalid without errors', () => {
    render(<Field label="City">{(props) => <select {...props} />}</Field>);
    expect(screen.getByLabelText('City').getAttribute('aria-invalid')).toBeNull();
  });
});
