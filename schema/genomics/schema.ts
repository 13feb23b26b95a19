import { enumType, schema } from 'schemakit';

/** Zando genomic skincare: genetic variants, the skin traits they affect, and ingredients that help. */
export const genomics = schema('genomics', { comment: 'Zando genomic analysis: SNPs, skin characteristics, conditions, ingredients' });

/** Strength of the scientific evidence behind a finding. */
export const evidenceLevel = enumType(genomics, 'evidence_level_enum', ['Strong', 'Moderate', 'Weak'], {
  comment: 'Scientific evidence strength',
});

/** How a variant acts on a characteristic. */
export const effectDirection = enumType(genomics, 'effect_direction_enum', ['Increases', 'Decreases', 'Modulates'], {
  comment: 'Direction of a genetic effect',
});

/** How strongly an ingredient is recommended for a condition. */
export const recommendationStrength = enumType(genomics, 'recommendation_strength_enum', ['First-line', 'Second-line', 'Adjuvant'], {
  comment: 'Place of an ingredient in a treatment',
});
