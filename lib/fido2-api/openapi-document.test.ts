import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * docs/openapi/fido2.yaml and the route files stay in step: every documented operation of the
 * otp, profile and mgmt tags has its route handler, every such handler is documented, and each
 * operation carries `x-latchkey-status`.
 */

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const TAGS = new Set(['otp', 'profile', 'mgmt']);
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

type TOperation = { tags?: string[]; 'x-latchkey-status'?: string };
const document = parse(fs.readFileSync(path.join(ROOT, 'docs', 'openapi', 'fido2.yaml'), 'utf8')) as { openapi: string; paths: Record<string, Record<string, TOperation>> };

/** `/fido2/v2/profile/{id}/email` → `app/fido2/v2/profile/[id]/email/route.ts`. */
function routeFile(apiPath: string): string {
  return path.join(ROOT, 'app', ...apiPath.split('/').filter(Boolean).map((s) => s.replace(/^\{(.+)\}$/, '[$1]')), 'route.ts');
}

function documented(): string[] {
  const out: string[] = [];
  for (const [p, item] of Object.entries(document.paths)) {
    for (const m of METHODS) if (item[m] && item[m].tags?.some((t) => TAGS.has(t))) out.push(`${m.toUpperCase()} ${p}`);
  }
  return out.sort();
}

function served(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === 'route.ts') {
        const rel = path.relative(path.join(ROOT, 'app'), path.dirname(full)).split(path.sep);
        if (!['auth/otp', 'profile', 'mgmt'].some((prefix) => rel.slice(2).join('/').startsWith(prefix))) continue;
        const apiPath = '/' + rel.map((s) => s.replace(/^\[(.+)\]$/, '{$1}')).join('/');
        const text = fs.readFileSync(full, 'utf8');
        for (const m of METHODS) if (new RegExp(`export const ${m.toUpperCase()}\\b`).test(text)) out.push(`${m.toUpperCase()} ${apiPath}`);
      }
    }
  };
  walk(path.join(ROOT, 'app', 'fido2', 'v2'));
  return out.sort();
}

describe('docs/openapi/fido2.yaml', () => {
  it('is OpenAPI 3.1 and documents exactly the served OTP, profile and management operations', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(documented()).toEqual(served());
    for (const op of documented()) expect(fs.existsSync(routeFile(op.split(' ')[1]!))).toBe(true);
  });

  it('marks every operation with x-latchkey-status', () => {
    for (const item of Object.values(document.paths)) {
      for (const m of METHODS) if (item[m]) expect(['available', 'in-development']).toContain(item[m]['x-latchkey-status']);
    }
  });
});
