import { enumType } from 'schemakit';
import { billingDept } from './schema';

export const level = enumType(billingDept, 'Level', ['Low', 'HIGH', 'it\'s "quoted"']);
