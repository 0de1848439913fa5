// Shared by the packages' option tests: run a call that must throw and read its message.
import { expect } from "vitest";

/**
 * Runs `fn`, expects it to throw an instance of `errorClass`, and returns the
 * error's message ("no error" when nothing was thrown, so a `toMatch` fails
 * with a readable diff).
 */
export function thrownMessage(
  errorClass: abstract new (...args: never[]) => Error,
  fn: () => unknown,
): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(errorClass);
    return (e as Error).message;
  }
  return "no error";
}
