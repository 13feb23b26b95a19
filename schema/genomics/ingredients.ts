import { c, check, index, sql, table } from 'schemakit';
import { evidenceLevel, genomics } from './schema';

/** Skincare ingredients. */
export const ingredient = table(genomics, 'ingredient', {
  comment: 'Skincare ingredients that may be beneficial based on genetic profile',
  columns: {
    ingredient_id: c.serial().primaryKey(),
    name: c.varchar(100).notNull().unique().comment('Name of the ingredient'),
    mechanism: c.text().comment('How the ingredient works on skin'),
    evidence_level: c.enum(evidenceLevel).comment('Scientific evidence strength for ingredient efficacy'),
    contraindications: c.text().comment('Any warnings or contraindications for this ingredient'),
  },
  indexes: (t) => [
    index('idx_ingredient_evidence').on(t.evidence_level),
    // Few ingredients have contraindications; the safety screen only looks at those.
    index('idx_ingredient_contraindicated').on(t.ingredient_id).where(sql`${t.contraindications} IS NOT NULL`),
  ],
});

/** Cautions for ingredients: who should avoid them and what to use instead. */
export const ingredientCaution = table(genomics, 'ingredient_caution', {
  comment: 'Cautions and safer alternatives for ingredients',
  columns: {
    caution_id: c.serial().primaryKey(),
    ingredient_id: c.integer().notNull().references(() => ingredient.columns.ingredient_id, { onDelete: 'cascade' }),
    category: c.varchar(50).notNull().comment('Kind of caution: allergy, pregnancy, photosensitivity…'),
    risk_mechanism: c.text().comment('Why the ingredient is a risk'),
    affected_population: c.text(),
    alternative_suggestion: c.text(),
    severity: c.smallint().notNull().default(1),
  },
  checks: (t) => [check(sql`${t.severity} BETWEEN 1 AND 5`)],
  indexes: (t) => [index().on(t.ingredient_id)],
});
