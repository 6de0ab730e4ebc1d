import { isInputError } from '@curv/core';

/** One-line message of an error: the message of input errors, `Name: message` for bugs. */
export function errorLine(e: unknown): string {
  if (isInputError(e)) return e.message.split('\n')[0];
  if (e instanceof Error) return `${e.name}: ${e.message.split('\n')[0]}`;
  return String(e);
}
