import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildIsStale } from './ensure-build';

const root = mkdtempSync(path.join(tmpdir(), 'miniflow-build-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('buildIsStale', () => {
  it('wants a new build when the asset prefix differs from the one built with', () => {
    expect(buildIsStale(root)).toBe(true);
    mkdirSync(path.join(root, '.next'));
    writeFileSync(path.join(root, '.next', 'BUILD_ID'), 'build');
    expect(buildIsStale(root)).toBe(false);
    expect(buildIsStale(root, 'https://cdn.example.com')).toBe(true);
    writeFileSync(path.join(root, '.next', 'miniflow-asset-prefix'), 'https://cdn.example.com');
    expect(buildIsStale(root, 'https://cdn.example.com')).toBe(false);
    expect(buildIsStale(root)).toBe(true);
  });
});
