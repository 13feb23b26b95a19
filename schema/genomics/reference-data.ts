import { referenceData } from 'schemakit';
import { condition, skinCharacteristic } from './characteristics';
import { ingredient, ingredientCaution } from './ingredients';
import { characteristicConditionLink, conditionIngredientLink, snpCharacteristicLink, snpIngredientLink } from './links';
import { snp } from './snp';

// Reference data kept in data/genomics/*.csv. Plain tables (snp, skincharacteristic, condition, ingredient)
// follow the convention and are matched by their unique name; the tables below refer to those rows by
// natural key (rsid, name) and schemakit resolves the ids.

/** Ingredient cautions, keyed by ingredient and category. */
export const ingredientCautionData = referenceData(ingredientCaution, {
  key: ['ingredient_name', 'category'],
  lookups: { ingredient_name: { column: 'ingredient_id', match: ingredient.columns.name } },
});

/** Which variants affect which characteristics. */
export const snpCharacteristicData = referenceData(snpCharacteristicLink, {
  lookups: {
    snp_rsid: { column: 'snp_id', match: snp.columns.rsid },
    characteristic_name: { column: 'characteristic_id', match: skinCharacteristic.columns.name },
  },
});

/** Which characteristics predispose to which conditions. */
export const characteristicConditionData = referenceData(characteristicConditionLink, {
  lookups: {
    characteristic_name: { column: 'characteristic_id', match: skinCharacteristic.columns.name },
    condition_name: { column: 'condition_id', match: condition.columns.name },
  },
});

/** Ingredients recommended for carriers of a variant. */
export const snpIngredientData = referenceData(snpIngredientLink, {
  lookups: {
    snp_rsid: { column: 'snp_id', match: snp.columns.rsid },
    ingredient_name: { column: 'ingredient_id', match: ingredient.columns.name },
  },
});

/** Ingredients recommended for a condition. */
export const conditionIngredientData = referenceData(conditionIngredientLink, {
  lookups: {
    condition_name: { column: 'condition_id', match: condition.columns.name },
    ingredient_name: { column: 'ingredient_id', match: ingredient.columns.name },
  },
});
