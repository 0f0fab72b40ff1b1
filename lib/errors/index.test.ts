import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError, ERROR_CATALOG, ERROR_STATUS, HTTP_REASON, toAppError } from './index';
import { parseInput } from './validation';

describe('error catalog', () => {
  it('maps every code to a status with a reason phrase and a message', () => {
    for (const [code, entry] of Object.entries(ERROR_CATALOG)) {
      expect(code).toMatch(/^[a-z0-9]+\.[a-z0-9_]+$/);
      expect(ERROR_STATUS[code as keyof typeof ERROR_STATUS]).toBe(entry.status);
      expect(HTTP_REASON[entry.status]).toBeTruthy();
      expect(entry.message.length).toBeGreaterThan(0);
    }
  });

  it('keeps detail out of the public message', () => {
    const e = new AppError('auth.unauthenticated', { detail: 'license abc revoked' });
    expect(e.status).toBe(401);
    expect(e.publicMessage).toBe('Missing or invalid credentials.');
    expect(e.expose).toBe(true);
  });

  it('turns unknown errors into service.internal that is not exposed', () => {
    const e = toAppError(new Error('db password is hunter2'));
    expect(e.code).toBe('service.internal');
    expect(e.status).toBe(500);
    expect(e.expose).toBe(false);
    const same = new AppError('request.not_found');
    expect(toAppError(same)).toBe(same);
  });
});

describe('parseInput', () => {
  it('returns parsed data or throws request.validation_failed with field messages', () => {
    const schema = z.object({ name: z.string().min(1, 'name is required'), n: z.number() });
    expect(parseInput(schema, { name: 'a', n: 1 })).toEqual({ name: 'a', n: 1 });
    try {
      parseInput(schema, { name: '' });
      expect.unreachable();
    } catch (e) {
      const err = e as AppError;
      expect(err.code).toBe('request.validation_failed');
      expect(err.fields).toEqual({ name: 'name is required', n: expect.any(String) });
      expect(err.publicMessage).toMatch(/^Validation error: name: name is required; n: /);
    }
  });
});
