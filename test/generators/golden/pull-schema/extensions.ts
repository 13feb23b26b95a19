import { extension } from 'schemakit';

export const citext = extension('citext');
