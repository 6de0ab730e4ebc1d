import { describe, expect, it } from 'vitest';
import { CurvInputError, isInputError } from '../src/index.js';

describe('isInputError', () => {
  it('isInputError(e) is true for CurvInputError and for errors named CurvInputError by other packages', () => {
    expect(isInputError(new CurvInputError('x: bad', 'x'))).toBe(true);
    const foreign = new Error('plots: bad data');
    foreign.name = 'CurvInputError';
    expect(isInputError(foreign)).toBe(true);
    expect(isInputError(new Error('a bug'))).toBe(false);
    expect(isInputError(new TypeError('x is undefined'))).toBe(false);
    expect(isInputError('CurvInputError')).toBe(false);
  });
});
