/** Expected outcomes are values, not exceptions: a Result carries either the value or a typed reason. */
export type Ok<T> = { readonly ok: true; readonly value: T };
export type Err<R extends string, D = undefined> = {
  readonly ok: false;
  readonly reason: R;
  readonly message: string;
  readonly detail?: D;
};
export type Result<T, R extends string, D = undefined> = Ok<T> | Err<R, D>;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const err = <R extends string, D = undefined>(reason: R, message: string, detail?: D): Err<R, D> =>
  detail === undefined ? { ok: false, reason, message } : { ok: false, reason, message, detail };
