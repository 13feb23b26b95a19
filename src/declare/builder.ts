/** Key of the internal state of every declaration builder (kept off the completion list of users). */
export const STATE: unique symbol = Symbol('schemakit.state');

/**
 * Base of the immutable builders (Kysely style): the state is frozen and every method returns a new
 * builder of the same class with a patched copy of it.
 */
export abstract class Builder<S extends object> {
  /** The builder's frozen state (internal: read by collectDeclarations). */
  readonly [STATE]: Readonly<S>;
  constructor(state: S) {
    this[STATE] = Object.freeze({ ...state });
    Object.freeze(this);
  }
  /** A new builder of the same class with `patch` applied to the state. */
  protected with(patch: Partial<S>): this {
    const Ctor = this.constructor as new (state: S) => this;
    return new Ctor({ ...this[STATE], ...patch });
  }
}
