import { describe, expect, it } from 'vitest';
import { hasRole, roleBelow, ROLES } from './roles';

describe('roles', () => {
  it('orders owner > admin > editor > operator > viewer', () => {
    expect(ROLES).toEqual(['owner', 'admin', 'editor', 'operator', 'viewer']);
    for (const [i, higher] of ROLES.entries()) {
      for (const lower of ROLES.slice(i)) {
        expect(hasRole(higher, lower)).toBe(true);
        if (lower !== higher) expect(hasRole(lower, higher)).toBe(false);
      }
    }
  });

  it('knows the role just below', () => {
    expect(roleBelow('owner')).toBe('admin');
    expect(roleBelow('operator')).toBe('viewer');
    expect(roleBelow('viewer')).toBeUndefined();
  });
});
