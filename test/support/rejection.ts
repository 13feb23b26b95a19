import { expect } from 'chai';
import { SchemakitError } from '../../src/util';

/** Awaits a promise that must reject with a SchemakitError, and returns that error. */
export async function rejection(p: Promise<unknown>): Promise<SchemakitError> {
  try {
    await p;
  } catch (e) {
    expect(e).to.be.instanceOf(SchemakitError);
    return e as SchemakitError;
  }
  throw new Error('expected a rejection');
}
