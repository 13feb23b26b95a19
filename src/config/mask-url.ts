/**
 * The URL with its password replaced by `****` (`postgres://app:****@db.internal:5432/app`), for every
 * message and target line. Also masks `password=` in query strings. Kept here because config may import
 * only util; src/db's redactUrl does the same for connection descriptions (to be unified).
 */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '****';
    for (const key of [...u.searchParams.keys()]) if (/^(password|pass|pwd)$/i.test(key)) u.searchParams.set(key, '****');
    return u.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ':****@').replace(/(password=)[^&\s]*/gi, '$1****');
  }
}
