import { enumType } from 'schemakit';

export const mood = enumType('public', 'mood', ['happy', 'sad']);
