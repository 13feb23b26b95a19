import { extension } from 'schemakit';

/** Case-insensitive text. */
export const citext = extension('citext', { comment: 'case-insensitive text for e-mail addresses' });
