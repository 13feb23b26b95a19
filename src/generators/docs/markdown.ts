/** Markdown escaping and file naming for generated docs: one place, like quoting for SQL. */

/** Escapes text for a GFM table cell: pipes, HTML-looking `<`, and newlines (as `<br>`). */
export function escapeCell(text: string | null | undefined): string {
  if (text === null || text === undefined) return '';
  return escapeText(text).replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

/** Escapes running text so a comment cannot open HTML or a heading by accident. */
export function escapeText(text: string | null | undefined): string {
  if (text === null || text === undefined) return '';
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A code span safe inside a table cell: the fence is longer than any backtick run in the text, and pipes
 * are backslash-escaped (GFM splits cells on `|` even inside code spans, and honours `\|` there).
 */
export function codeCell(text: string | null | undefined): string {
  if (text === null || text === undefined || text === '') return '';
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')}${pad}${fence}`;
}

/**
 * A file-name-safe form of a name: letters, digits, `_` and `-` stay; every other byte (including `.`, so
 * `schema.table` stays unambiguous) becomes `~HH`. The result needs no URL encoding in a link.
 */
export function fileSafe(name: string): string {
  if (/^[A-Za-z0-9_-]*$/.test(name)) return name;
  let out = '';
  for (const ch of name) {
    if (/^[A-Za-z0-9_-]$/.test(ch)) out += ch;
    else for (const b of Buffer.from(ch, 'utf8')) out += `~${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Relative path of a table's page (`tables/<schema>.<table>.md`). */
export const tablePath = (schema: string, name: string): string => `tables/${fileSafe(schema)}.${fileSafe(name)}.md`;

/** Relative path of an enum's page (`enums/<schema>.<enum>.md`). */
export const enumPath = (schema: string, name: string): string => `enums/${fileSafe(schema)}.${fileSafe(name)}.md`;

/** Escapes text for a Markdown link label. */
export function linkLabel(text: string): string {
  return escapeText(text).replace(/([[\]\\|])/g, '\\$1');
}

/** Relative path of a view's page (`views/<schema>.<view>.md`; materialized views too). */
export const viewPath = (schema: string, name: string): string => `views/${fileSafe(schema)}.${fileSafe(name)}.md`;

/**
 * Relative path of a routine's page: `routines/<schema>.<name>.md`, or with the identity arguments
 * (`<name>(<args>)`, file-safe) when `overloaded` (several routines share the name).
 */
export const routinePath = (schema: string, name: string, identityArgs: string, overloaded: boolean): string =>
  `routines/${fileSafe(schema)}.${fileSafe(overloaded ? `${name}(${identityArgs})` : name)}.md`;

/** Relative path of a domain's or composite type's page (`types/<schema>.<type>.md`; they share pg_type's name space). */
export const typePath = (schema: string, name: string): string => `types/${fileSafe(schema)}.${fileSafe(name)}.md`;
