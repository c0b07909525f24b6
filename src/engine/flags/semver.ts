const semverPattern =
  /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z.-]+)?$/;

interface Semver {
  core: [number, number, number];
  pre: string[];
}

export function parseSemver(text: string): Semver | undefined {
  const m = semverPattern.exec(text.trim());
  if (!m) return undefined;
  return {
    core: [Number(m[1]), Number(m[2]), Number(m[3])],
    pre: m[4] ? m[4].split('.') : [],
  };
}

/** Semantic-version precedence (semver.org §11): negative, zero or positive like a comparator. */
export function compareSemver(a: Semver, b: Semver): number {
  for (let i = 0; i < 3; i++) {
    const d = a.core[i]! - b.core[i]!;
    if (d !== 0) return Math.sign(d);
  }
  // A release ranks above its pre-releases.
  if (a.pre.length === 0) return b.pre.length === 0 ? 0 : 1;
  if (b.pre.length === 0) return -1;
  for (let i = 0; i < Math.max(a.pre.length, b.pre.length); i++) {
    const x = a.pre[i];
    const y = b.pre[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const d = comparePrerelease(x, y);
    if (d !== 0) return d;
  }
  return 0;
}

function comparePrerelease(x: string, y: string): number {
  const xn = /^\d+$/.test(x);
  const yn = /^\d+$/.test(y);
  if (xn && yn) return Math.sign(Number(x) - Number(y));
  if (xn) return -1;
  if (yn) return 1;
  return x < y ? -1 : x > y ? 1 : 0;
}
