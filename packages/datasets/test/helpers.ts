import { NeuriteError } from "@neurite/tensor";
import { expect } from "vitest";

/**
 * Runs `fn`, expects it to throw an instance of `cls` (a NeuriteError), and
 * checks that the message contains every fragment. Returns the error.
 */
export function expectError<E extends NeuriteError>(
  fn: () => unknown,
  cls: abstract new (...args: never[]) => E,
  ...fragments: string[]
): E {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  return expectCaught(caught, cls, fragments);
}

/** {@link expectError} for async functions and async iteration. */
export async function expectAsyncError<E extends NeuriteError>(
  fn: () => Promise<unknown>,
  cls: abstract new (...args: never[]) => E,
  ...fragments: string[]
): Promise<E> {
  let caught: unknown;
  try {
    await fn();
  } catch (e) {
    caught = e;
  }
  return expectCaught(caught, cls, fragments);
}

/** The checks both {@link expectError} and {@link expectAsyncError} make on what was thrown. */
function expectCaught<E extends NeuriteError>(
  caught: unknown,
  cls: abstract new (...args: never[]) => E,
  fragments: readonly string[],
): E {
  expect(caught, "expected an error").toBeInstanceOf(cls);
  expect(caught).toBeInstanceOf(NeuriteError);
  for (const f of fragments) expect((caught as Error).message).toContain(f);
  return caught as E;
}

/** Count of each label value. */
export function counts(labels: ArrayLike<number>): Record<number, number> {
  const out: Record<number, number> = {};
  for (let i = 0; i < labels.length; i++) out[labels[i]!] = (out[labels[i]!] ?? 0) + 1;
  return out;
}

/** Collects an async iterable into an array. */
export async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const v of it) out.push(v);
  return out;
}
