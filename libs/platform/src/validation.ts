import { ValidationPipe, type ValidationError, applyDecorators } from '@nestjs/common';
import { ValidateBy, ValidateIf, buildMessage } from 'class-validator';
import { type FieldError, Problem } from '@crosswalk/problems';

function fieldErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}

/** Unknown fields are refused, not silently dropped; types are converted from the DTOs' declarations. */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => Problem.invalid(fieldErrors(errors)),
  });
}

/**
 * For PATCH fields that may be left out but not cleared: absent skips the field's rules, `null` is refused
 * (400 naming the field) instead of reaching a NOT NULL column (a 500). `@IsOptional()` would let `null`
 * through, so a non-nullable PATCH field uses this in its place; a field that `null` clears keeps
 * `@ValidateIf(value !== null)` + `@IsOptional()`.
 */
export function IsOptionalNonNull(): PropertyDecorator {
  return applyDecorators(
    ValidateIf((_object: object, value: unknown) => value !== undefined),
    ValidateBy({
      name: 'isNotNull',
      validator: {
        validate: (value: unknown) => value !== null,
        defaultMessage: buildMessage((eachPrefix) => `${eachPrefix}$property may be left out but not null`),
      },
    }),
  );
}
