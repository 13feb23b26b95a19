import { c, policy, sql, table } from 'schemakit';

/** Documents are visible to their owner only; everybody may read published ones. */
export const documents = table('documents', {
  columns: {
    id: c.bigint().primaryKey(),
    owner: c.type('name').notNull().default(sql`CURRENT_USER`),
    body: c.text(),
    published: c.boolean().notNull().default(false),
  },
  rowSecurity: 'force',
  policies: (t) => [
    policy('documents_owner')
      .using(sql`${t.owner} = CURRENT_USER`)
      .withCheck(sql`${t.owner} = CURRENT_USER`)
      .comment('owners see and write their rows'),
    policy('documents_published').for('select').to('public').using(sql`${t.published}`),
    policy('documents_not_empty').restrictive().for('insert').to('public').withCheck(sql`${t.body} IS NOT NULL`),
  ],
});
