import { c, enumType, table } from 'schemakit';

/** Values added first, in the middle and last. */
export const mood = enumType('public', 'mood', ['bored', 'sad', 'ok', 'happy', 'ecstatic']);

/** A table using the enum, whose default changes to a new value. */
export const people = table('people', {
  columns: {
    id: c.integer().primaryKey(),
    mood: c.enum(mood).default('ok'),
  },
});
