/**
 * Class identity that survives a package being loaded twice.
 *
 * An app can hold two copies of a Neurite package in one process: the ESM build
 * through `import` and the CommonJS build through `require` (a dependency that
 * still uses `require` is enough), or two versions in nested `node_modules`.
 * Each copy has its own `Tensor` class, so a plain `instanceof` says that a
 * tensor made by one copy is not a `Tensor` to the other. A branded class
 * answers `instanceof` by a symbol from the global symbol registry
 * (`Symbol.for`) that every copy shares, so each copy accepts the others'
 * objects. The brand names a contract: change the class's fields or methods
 * incompatibly and the brand's name must change too.
 *
 * @example
 * ```ts
 * class Tensor {
 *   static {
 *     brand(this, "Tensor"); // Symbol.for("neurite.Tensor") on Tensor.prototype
 *   }
 * }
 * ```
 */

/** The symbol that marks instances of the class branded `name`: `Symbol.for("neurite.<name>")`. */
export function brandSymbol(name: string): symbol {
  return Symbol.for(`neurite.${name}`);
}

/**
 * Whether `value` carries the brand `name` (see {@link brand}), whichever copy
 * of Neurite made it.
 */
export function hasBrand(value: unknown, name: string): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as Record<symbol, unknown>)[brandSymbol(name)] === true
  );
}

// Any class, abstract or with a protected constructor: only its prototype and
// its static side are touched.
type AnyClass = { readonly prototype: object };

/**
 * Brands class `cls` as `name`: marks its prototype with
 * `Symbol.for("neurite.<name>")` and gives it a static `Symbol.hasInstance`
 * that tests for that mark, so `x instanceof cls` holds for instances made by
 * any copy of the class. Subclasses inherit the mark; a subclass that is not
 * branded itself keeps the ordinary prototype-chain `instanceof`. Call it once,
 * from the class's static block with `this` (naming the class there makes
 * esbuild rename it, and `Tensor.name` would read `_Tensor`).
 */
export function brand(cls: AnyClass, name: string): void {
  const symbol = brandSymbol(name);
  Object.defineProperty(cls.prototype, symbol, { value: true });
  Object.defineProperty(cls, Symbol.hasInstance, {
    value(this: AnyClass, value: unknown): boolean {
      // An unbranded subclass inherits this method: answer for it the ordinary way.
      if (this !== cls) return Function.prototype[Symbol.hasInstance].call(this as never, value);
      // The symbol is looked up once, here: ops test `instanceof Tensor` on every call.
      return (
        typeof value === "object" &&
        value !== null &&
        (value as Record<symbol, unknown>)[symbol] === true
      );
    },
  });
}
