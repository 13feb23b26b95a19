/** A statement on one line, cut at 120 characters with an ellipsis (for lint messages). */
export function statementLabel(sql: string): string {
  const one = sql.replace(/\s+/g, ' ').trim();
  return one.length > 120 ? `${one.slice(0, 119)}…` : one;
}
