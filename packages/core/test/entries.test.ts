import { describe, expect, it } from 'vitest';
import * as browser from '../src/browser.js';
import * as main from '../src/index.js';
import * as node from '../src/node.js';

describe('entry points', () => {
  it('the browser entry exports everything of the main entry except the Node file I/O', () => {
    const expected = Object.keys(main)
      .filter((k) => !(k in node))
      .sort();
    expect(Object.keys(browser).sort()).toEqual(expected);
    expect(Object.keys(node).sort()).toEqual([
      'readInputFile',
      'readSafetensors',
      'writeFileAtomic',
      'writeJsonAtomic',
      'writeSafetensors',
    ]);
  });

  it('the Node subpath is the same functions as the main entry', () => {
    for (const [k, v] of Object.entries(node)) expect((main as Record<string, unknown>)[k]).toBe(v);
  });

  it('the browser backend starter refuses tfjs-node backends with a clear error', async () => {
    await expect(browser.initBackend({ backend: 'tensorflow', log: null })).rejects.toThrow(/needs Node/);
  });
});
