import { c, foreignKey, index, primaryKey, table } from 'schemakit';
import { condition, skinCharacteristic } from './characteristics';
import { ingredient } from './ingredients';
import { effectDirection, evidenceLevel, genomics, recommendationStrength } from './schema';
import { snp } from './snp';

/** Which variants affect which characteristics, and how. */
export const snpCharacteristicLink = table(genomics, 'snp_characteristic_link', {
  comment: 'Links between genetic variants and the skin characteristics they affect',
  columns: {
    snp_id: c.integer().notNull(),
    characteristic_id: c.integer().notNull(),
    effect_direction: c.enum(effectDirection).notNull().comment('How the SNP affects the characteristic (Increases, Decreases, Modulates)'),
    evidence_strength: c.enum(evidenceLevel).notNull().comment('Scientific evidence strength for this specific relationship'),
    notes: c.text(),
  },
  primaryKey: (t) => primaryKey(t.snp_id, t.characteristic_id),
  foreignKeys: (t) => [
    foreignKey([t.snp_id]).references(() => snp).onDelete('cascade'),
    foreignKey([t.characteristic_id]).references(() => skinCharacteristic).onDelete('cascade'),
  ],
  // The primary key serves look-ups by snp_id; the other direction needs its own index.
  indexes: (t) => [index('idx_snp_char_link_char').on(t.characteristic_id)],
});

/** Which characteristics predispose to which conditions. */
export const characteristicConditionLink = table(genomics, 'characteristic_condition_link', {
  comment: 'Links between skin characteristics and the conditions they predispose to',
  columns: {
    characteristic_id: c.integer().notNull().references(() => skinCharacteristic.columns.characteristic_id, { onDelete: 'cascade' }),
    condition_id: c.integer().notNull().references(() => condition.columns.condition_id, { onDelete: 'cascade' }),
    relationship_note: c.text(),
  },
  primaryKey: (t) => primaryKey(t.characteristic_id, t.condition_id),
  indexes: (t) => [index('idx_char_cond_link_cond').on(t.condition_id)],
});

/** Ingredients that counter the effect of a variant. */
export const snpIngredientLink = table(genomics, 'snp_ingredient_link', {
  comment: 'Ingredients recommended for carriers of a genetic variant',
  columns: {
    snp_id: c.integer().notNull().references(() => snp.columns.snp_id, { onDelete: 'cascade' }),
    ingredient_id: c.integer().notNull().references(() => ingredient.columns.ingredient_id, { onDelete: 'cascade' }),
    benefit_mechanism: c.text(),
    recommendation_strength: c.enum(recommendationStrength).notNull().default('Adjuvant'),
    evidence_level: c.enum(evidenceLevel),
  },
  primaryKey: (t) => primaryKey(t.snp_id, t.ingredient_id),
  indexes: (t) => [index('idx_snp_ingredient_link_ingredient').on(t.ingredient_id)],
});

/** Ingredients used to treat a condition. */
export const conditionIngredientLink = table(genomics, 'condition_ingredient_link', {
  comment: 'Ingredients recommended for a skin condition',
  columns: {
    condition_id: c.integer().notNull().references(() => condition.columns.condition_id, { onDelete: 'cascade' }),
    ingredient_id: c.integer().notNull().references(() => ingredient.columns.ingredient_id, { onDelete: 'cascade' }),
    recommendation_strength: c.enum(recommendationStrength).notNull().comment('First-line, Second-line or Adjuvant'),
    guidance_note: c.text(),
  },
  primaryKey: (t) => primaryKey(t.condition_id, t.ingredient_id),
  indexes: (t) => [index('idx_condition_ingredient_link_ingredient').on(t.ingredient_id)],
});
