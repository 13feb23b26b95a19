const PATTERN = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/**
 * Replaces `${VAR}` by the variable's value and `${VAR:-default}` by the value, or the default when the
 * variable is unset or empty (as in POSIX shells); `$$` is a literal `$`. Returns the text, the
 * variables unset without a default, and whether a `${` is malformed (the caller names the key and line).
 */
export function interpolate(text: string, environ: Readonly<Record<string, string | undefined>>): { value: string; unset: string[]; malformed: boolean } {
  const unset: string[] = [];
  const value = text.replace(PATTERN, (whole, name: string | undefined, fallback: string | undefined) => {
    if (whole === '$$') return '$';
    const v = environ[name!];
    if (fallback !== undefined) return v === undefined || v === '' ? fallback : v;
    if (v === undefined) {
      unset.push(name!);
      return '';
    }
    return v;
  });
  // A `${` that is not a reference (`${1X}`, unclosed) is an error rather than a literal in a URL.
  const malformed = text.replace(PATTERN, '').includes('${');
  return { value, unset, malformed };
}
