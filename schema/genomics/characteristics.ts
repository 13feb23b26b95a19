import { c, index, table } from 'schemakit';
import { genomics } from './schema';

/** Skin traits that genetic variants affect. */
export const skinCharacteristic = table(genomics, 'skincharacteristic', {
  comment: 'Skin traits or properties that can be affected by genetic variants',
  columns: {
    characteristic_id: c.serial().primaryKey(),
    name: c.varchar(100).notNull().unique().comment('Name of the skin characteristic'),
    description: c.text().comment('Detailed description of the characteristic'),
    measurement_method: c.text().comment('How this characteristic can be measured or assessed'),
  },
  indexes: (t) => [index('idx_characteristic_name').on(t.name.opclass('text_pattern_ops'))],
});

/** Skin conditions that characteristics predispose to. */
export const condition = table(genomics, 'condition', {
  comment: 'Skin conditions (acne, rosacea, eczema…) linked to characteristics',
  columns: {
    condition_id: c.serial().primaryKey(),
    name: c.varchar(100).notNull().unique().comment('Name of the condition'),
    description: c.text().comment('What the condition is and how it shows'),
    severity_scale: c.text().array().default(['mild', 'moderate', 'severe']).comment('Severity grades used to assess it'),
  },
});
