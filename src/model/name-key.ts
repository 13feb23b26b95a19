import { keyPart } from '../util';

/**
 * Identity of catalog objects as qualified keys: plain strings for maps, messages and plan summaries, built
 * from raw names joined by `.`. A name holding `.` or `"` is written `"…"` (util's keyPart), so two
 * objects never share a key (schema `a` + table `b.c` against schema `a.b` + table `c`) while ordinary names
 * read as `public.users.email`.
 */
export const nameKey = (...parts: readonly string[]): string => parts.map(keyPart).join('.');
