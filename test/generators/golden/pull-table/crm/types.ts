import { enumType } from 'schemakit';
import { crm } from './schema';

export const status = enumType(crm, 'status', ['new', 'active', 'closed'], { comment: 'Lifecycle of an account' });
