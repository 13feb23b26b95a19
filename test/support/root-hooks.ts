import { disposeEngines } from './engines';

/**
 * Mocha root hooks (loaded by .mocharc.json `require`): after the run (in parallel mode, after each file in its
 * worker), every database the engines handed out is closed and dropped and the PGlite pool is shut down.
 */
export const mochaHooks = {
  async afterAll(this: Mocha.Context): Promise<void> {
    this.timeout(120_000); // drops every database handed out: seconds each on a loaded server
    await disposeEngines();
  },
};
