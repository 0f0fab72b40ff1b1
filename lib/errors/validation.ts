import type { z } from 'zod';
import { AppError } from './index';

/** A zod failure as `request.validation_failed`, with one safe message per field. */
export function validationError(error: z.ZodError): AppError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_';
    fields[key] ??= issue.message;
  }
  const summary = Object.entries(fields).map(([k, m]) => (k === '_' ? m : `${k}: ${m}`)).join('; ');
  return new AppError('request.validation_failed', { fields, publicMessage: `Validation error: ${summary}` });
}

/** Parses with a schema or throws `request.validation_failed`. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}
