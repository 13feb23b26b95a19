import { join } from 'node:path';

/** The cache of a project rooted at `root` (type checks, evaluated declarations, catalogs, plans): `.schemakit/cache`. */
export const defaultCacheDir = (root: string = process.cwd()): string => join(root, '.schemakit', 'cache');
