import { c, check, enumType, extension, index, schema, sql, table, unique } from 'schemakit';

/** A commented schema. */
export const crm = schema('crm', { comment: 'Customer relationship management' });

/** A commented extension. */
export const trgm = extension('pg_trgm', { comment: 'Trigram matching for fuzzy search' });

/** A commented enum. */
export const stage = enumType(crm, 'stage', ['lead', 'customer'], { comment: 'Where a contact is in the funnel' });

/** A commented table. */
export const companies = table(crm, 'companies', {
  comment: 'Companies we talk to',
  columns: {
    id: c.integer().primaryKey({ comment: "Companies' identity" }),
    name: c.text().notNull().comment('Legal name').unique({ comment: 'One company per legal name' }),
  },
});

/** Comments on columns, every constraint kind and an index. */
export const contacts = table(crm, 'contacts', {
  comment: "People at companies (it's a join of sorts)",
  columns: {
    id: c.integer().primaryKey(),
    company_id: c.integer().comment('Employer').references(() => companies.columns.id, { comment: 'Contacts belong to companies' }),
    stage: c.enum(stage).notNull().default('lead').comment('Funnel stage'),
    email: c.text().comment(''),
    age: c.integer().check((x) => sql`${x} >= 0`, { comment: 'Ages are not negative' }),
  },
  uniques: (t) => [unique([t.company_id, t.email]).comment('One e-mail per company')],
  checks: (t) => [check('contacts_email_has_at', sql`${t.email} LIKE '%@%'`).comment('Looks like an e-mail address')],
  indexes: (t) => [index().on(t.stage).comment('Funnel reports filter by stage')],
});
