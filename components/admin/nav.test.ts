import { describe, expect, it } from 'vitest';
import { ADMIN_NAV, navItemFor } from './nav';

describe('navItemFor', () => {
  it('finds the section of a page, the longest prefix winning', () => {
    expect(navItemFor('/admin')?.label).toBe('Dashboard');
    expect(navItemFor('/admin/users')?.label).toBe('Users');
    expect(navItemFor('/admin/users/abc')?.label).toBe('Users');
    expect(navItemFor('/admin/licenses/api-keys')?.label).toBe('Licenses & API keys');
  });

  it("counts a community's settings as part of Tenants & communities", () => {
    expect(navItemFor('/admin/communities/c1')?.label).toBe('Tenants & communities');
  });

  it('does not match a path that only shares the beginning of a name, nor coming sections', () => {
    expect(navItemFor('/admin/usersettings')).toBeUndefined();
    expect(navItemFor('/elsewhere')).toBeUndefined();
    expect(ADMIN_NAV.flatMap((g) => g.items).filter((i) => i.status === 'coming').every((i) => i.href === '')).toBe(true);
  });
});
