// The property tests every quick check of an IPC argument must pass against the Zod schema that
// defines the argument (app/*-fast-path.ts): it may decline anything, but whatever it accepts the
// schema accepts with exactly the same result, and through validateRequest, the one entry point
// the IPC router uses, the verdict is always the schema's.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { z } from 'zod';
import type { IpcMethod } from '../../app/ipc-contract';
import { validateRequest } from '../../app/ipc-schemas';

export interface FastPath {
  readonly quick: (value: unknown) => unknown;
  readonly schema: z.ZodType;
  readonly method: IpcMethod;
  readonly validRequest: fc.Arbitrary<unknown>;
  /** A valid request with one thing changed: a field replaced, added, removed, or its prototype. */
  readonly nearlyValid: fc.Arbitrary<unknown>;
}

/**
 * The schema's verdict as validateRequest takes it: Zod runs its length checks on anything with a
 * `length`, and one that is an object without a prototype makes safeParse throw, which
 * validateRequest answers with a refusal (app/ipc-schemas.ts). Called bare here, such a value
 * (fast-check's `anything` makes one about once in a few thousand) failed the property at random.
 */
function schemaVerdict(schema: z.ZodType, value: unknown): { success: boolean; data?: unknown } {
  try {
    return schema.safeParse(value);
  } catch {
    return { success: false };
  }
}

export function agreesWithSchema({ quick, schema, method }: FastPath, value: unknown): void {
  const accepted = quick(value);
  const parsed = schemaVerdict(schema, value);
  if (accepted !== null) {
    expect(parsed.success).toBe(true);
    expect(accepted).toStrictEqual(parsed.data);
  }
  const checked = validateRequest(method, value);
  expect(checked.ok).toBe(parsed.success);
  if (checked.ok) expect(checked.value).toStrictEqual(parsed.data);
}

/** The three properties, as `it` blocks of the calling `describe`. */
export function itAgreesWithSchema(path: FastPath): void {
  it('accepts every valid request, with the result the schema gives', () => {
    fc.assert(
      fc.property(path.validRequest, (request) => {
        expect(path.quick(request)).not.toBeNull();
        agreesWithSchema(path, request);
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts nothing the schema refuses, whatever is changed', () => {
    fc.assert(
      fc.property(path.nearlyValid, (value) => agreesWithSchema(path, value)),
      { numRuns: 5000 },
    );
  });

  it('accepts nothing the schema refuses, for arbitrary values', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withObjectString: true }), (value) =>
        agreesWithSchema(path, value),
      ),
      { numRuns: 2000 },
    );
  });
}
