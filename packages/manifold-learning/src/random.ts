/**
 * A seeded uniform generator on [0, 1) (splitmix32 then xoshiro128**, all 32-bit integer arithmetic, so the
 * same seed gives the same sequence on every platform). `@curv/core`'s `Random` is the project's generator,
 * but its package pulls in TensorFlow.js and Node modules; this package must stay browser-safe, so it carries
 * this small copy of the same algorithm. Every randomised routine here also accepts a `random` function.
 */
export function seededUniform(seed: number): () => number {
  let a = Math.floor(seed) >>> 0;
  const sm = () => {
    a = (a + 0x9e3779b9) >>> 0;
    let z = a;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  const s: number[] = [sm(), sm(), sm(), sm()];
  if (s.every((v): boolean => v === 0)) s[0] = 1;
  const rotl = (x: number, k: number) => ((x << k) | (x >>> (32 - k))) >>> 0;
  return () => {
    const result = Math.imul(rotl(Math.imul(s[1], 5) >>> 0, 7), 9) >>> 0;
    const t = (s[1] << 9) >>> 0;
    s[2] = (s[2] ^ s[0]) >>> 0;
    s[3] = (s[3] ^ s[1]) >>> 0;
    s[1] = (s[1] ^ s[2]) >>> 0;
    s[0] = (s[0] ^ s[3]) >>> 0;
    s[2] = (s[2] ^ t) >>> 0;
    s[3] = rotl(s[3], 11);
    return result / 4294967296;
  };
}

/** Standard normal samples from a uniform generator (Box–Muller). */
export function normalFrom(uniform: () => number): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const v = spare;
      spare = null;
      return v;
    }
    let u = uniform();
    while (u <= 0) u = uniform();
    const v = uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
}
