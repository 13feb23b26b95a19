import { SchemakitError } from '../util';

/**
 * Values for `${name}` placeholders in migration files, as SQL text (the caller quotes them, e.g. with
 * `ident()`). A fleet of tenant schemas passes `{ schema: ident(tenant) }`, so a migration can name its
 * own schema where `search_path` is not enough (a function's `SET search_path`, a grant, a comment).
 */
export type Placeholders = Readonly<Record<string, string>>;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The text with every `${name}` of `values` replaced, anywhere in it (string literals and function bodies
 * included, as Flyway does). Other `${…}` are left alone: `${` is not SQL, but a PL/v8 body may hold one.
 * The checksum of a migration stays the file's: the same file gives every tenant its own text.
 */
export function substitutePlaceholders(text: string, values: Placeholders | undefined): string {
  if (!values) return text;
  const names = Object.keys(values);
  const bad = names.filter((n) => !NAME.test(n));
  if (bad.length > 0) throw new SchemakitError('migrate', 'bad-placeholder', `placeholder names must be identifiers: ${bad.join(', ')}`);
  if (names.length === 0) return text;
  return text.replace(new RegExp(`\\$\\{(${names.join('|')})\\}`, 'g'), (whole, n: string) => values[n] ?? whole);
}
