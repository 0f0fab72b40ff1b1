import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { assertSameOrigin } from './same-origin';

function get(headers: Record<string, string> = {}) {
  return new NextRequest('http://localhost:3000/admin/api/audit/export?format=csv', { method: 'GET', headers });
}

describe('assertSameOrigin, reads', () => {
  it('lets reads of the same site, typed addresses and clients without Sec-Fetch-Site through', () => {
    for (const site of ['same-origin', 'same-site', 'none']) expect(() => assertSameOrigin(get({ 'sec-fetch-site': site }))).not.toThrow();
    expect(() => assertSameOrigin(get())).not.toThrow();
  });

  it('refuses a read another site started (auth.forbidden)', () => {
    let thrown: unknown;
    try {
      assertSameOrigin(get({ 'sec-fetch-site': 'cross-site' }));
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe('auth.forbidden');
  });
});
