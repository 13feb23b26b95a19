import { extension } from 'schemakit';

/** Cryptographic functions (digest, crypt) used for password hashes and tokens. */
export const pgcrypto = extension('pgcrypto', { schema: 'public' });
