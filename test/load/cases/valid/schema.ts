import { enumType, schema } from 'schemakit';

export const app = schema('app', { comment: 'Test app' });

export const role = enumType(app, 'role', ['admin', 'member']);
