import type { Db } from '../db';
import { splitTopLevel, type TextSearchConfiguration, type TextSearchDictionary, type TextSearchOption } from '../model';
import { lexSql, stringValue } from '../util';
import { commentJoin, userObject, qualifiedName, userSchema } from './sql-fragments';

const DICTIONARIES_SQL = `
SELECT n.nspname AS schema, d.dictname AS name, ${qualifiedName('tn', 't.tmplname')} AS template, d.dictinitoption AS options,
       x.description AS comment
  FROM pg_catalog.pg_ts_dict d
  JOIN pg_catalog.pg_namespace n ON n.oid = d.dictnamespace
  JOIN pg_catalog.pg_ts_template t ON t.oid = d.dicttemplate
  JOIN pg_catalog.pg_namespace tn ON tn.oid = t.tmplnamespace
  ${commentJoin('x', 'pg_ts_dict', 'd.oid')}
 WHERE ${userSchema('n')} AND ${userObject('pg_ts_dict', 'd.oid')}`;

/** Configurations with their mappings: token types by alias (ts_token_type of the parser), dictionaries in order. */
const CONFIGURATIONS_SQL = `
SELECT n.nspname AS schema, c.cfgname AS name, ${qualifiedName('pn', 'p.prsname')} AS parser, x.description AS comment,
       COALESCE((SELECT pg_catalog.json_agg(pg_catalog.json_build_array(tt.alias, m.mapdict::pg_catalog.regdictionary::pg_catalog.text) ORDER BY tt.alias, m.mapseqno)
                   FROM pg_catalog.pg_ts_config_map m JOIN pg_catalog.ts_token_type(c.cfgparser) tt ON tt.tokid = m.maptokentype
                  WHERE m.mapcfg = c.oid), '[]') AS mappings
  FROM pg_catalog.pg_ts_config c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.cfgnamespace
  JOIN pg_catalog.pg_ts_parser p ON p.oid = c.cfgparser
  JOIN pg_catalog.pg_namespace pn ON pn.oid = p.prsnamespace
  ${commentJoin('x', 'pg_ts_config', 'c.oid')}
 WHERE ${userSchema('n')} AND ${userObject('pg_ts_config', 'c.oid')}`;

/** `stopwords = 'english', accept = 'false'` (dictinitoption) as options sorted by name, values unquoted. */
export function parseDictionaryOptions(text: string | null): TextSearchOption[] {
  if (text === null || text.trim() === '') return [];
  return splitTopLevel(text)
    .map((part) => {
      const eq = part.indexOf('=');
      const name = part.slice(0, eq).trim();
      const raw = part.slice(eq + 1).trim();
      const [only, ...rest] = lexSql(raw);
      const value = only?.kind === 'string' && rest.length === 0 ? stringValue(only) : raw;
      return { name: name.startsWith('"') ? name.slice(1, -1).replace(/""/g, '"') : name.toLowerCase(), value };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Text search dictionaries of user schemas. */
export async function introspectTextSearchDictionaries(db: Db): Promise<TextSearchDictionary[]> {
  const rows = await db.query<{ schema: string; name: string; template: string; options: string | null; comment: string | null }>(DICTIONARIES_SQL);
  return rows.map((r) => ({
    kind: 'TextSearchDictionary',
    schema: r.schema,
    name: r.name,
    template: r.template,
    options: parseDictionaryOptions(r.options),
    comment: r.comment,
  }));
}

/** Text search configurations of user schemas, with their mappings by token type. */
export async function introspectTextSearchConfigurations(db: Db): Promise<TextSearchConfiguration[]> {
  const rows = await db.query<{ schema: string; name: string; parser: string; comment: string | null; mappings: [string, string][] | string }>(
    CONFIGURATIONS_SQL,
  );
  return rows.map((r) => {
    const pairs: [string, string][] = typeof r.mappings === 'string' ? JSON.parse(r.mappings) : r.mappings;
    const byToken = new Map<string, string[]>();
    for (const [token, dictionary] of pairs) byToken.set(token, [...(byToken.get(token) ?? []), dictionary]);
    return {
      kind: 'TextSearchConfiguration',
      schema: r.schema,
      name: r.name,
      parser: r.parser,
      mappings: [...byToken].map(([token, dictionaries]) => ({ token, dictionaries })),
      comment: r.comment,
    };
  });
}
