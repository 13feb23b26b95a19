import type { Declared } from '../declare';
import { defaultCacheDir, loadSchemaDir } from '../load';
import { progress, showProgress } from './progress';

/**
 * Loads a schema folder with the project's type-check cache (`.schemakit/cache`), the type check shown on
 * the progress line and the line cleared afterwards (what the command does next is not a type check).
 */
export async function loadDeclarations(dir: string): Promise<Declared> {
  try {
    return await loadSchemaDir(dir, { cacheDir: defaultCacheDir(), onProgress: showProgress });
  } finally {
    progress().clear();
  }
}
