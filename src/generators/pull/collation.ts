/**
 * The argument of `.collate()` for a collation as the model holds it (a ready SQL name: `"C"`,
 * `public."de-x-icu"`): the declaration API quotes a bare name itself and splits at the first dot, so a
 * pg_catalog name containing a dot (`"en_US.utf8"`) is given qualified (`pg_catalog.en_US.utf8`).
 */
export function collateArgument(sqlName: string): string {
  const parts: string[] = [];
  const re = /"((?:[^"]|"")*)"|([^."]+)|\./g;
  for (let m = re.exec(sqlName); m !== null; m = re.exec(sqlName)) {
    if (m[1] !== undefined) parts.push(m[1].replace(/""/g, '"'));
    else if (m[2] !== undefined) parts.push(m[2]);
  }
  const [first = '', second] = parts;
  if (parts.length === 2) return `${first}.${second}`;
  return first.includes('.') ? `pg_catalog.${first}` : first;
}
