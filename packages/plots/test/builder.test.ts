import { describe, expect, it } from 'vitest';
import { figureBuilder, histogram } from '../src/index.js';

describe('figureBuilder', () => {
  it('figure.option() reads, figure.option(v) sets and returns the figure for chaining', () => {
    const f = histogram();
    expect(f.bins()).toBe(30);
    expect(f.bins(12)).toBe(f);
    expect(f.bins()).toBe(12);
    expect(f.size([300, 200]).title('t').size()).toEqual([300, 200]);
  });

  it('figure.copy() is independent of the original', () => {
    const f = histogram().bins(5);
    const g = f.copy().bins(9);
    expect(f.bins()).toBe(5);
    expect(g.bins()).toBe(9);
    expect(f.options().bins).toBe(5);
  });

  it('figureBuilder(defaults, render) passes the current options to render', () => {
    const f = figureBuilder({ n: 1 }, (d: number[], o) => `${d.length * o.n}`);
    expect(f([1, 2])).toBe('2');
    expect(f.n(3)([1, 2])).toBe('6');
  });
});
