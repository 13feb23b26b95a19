import { enumType, schema } from 'schemakit';

/** A schema for the catalog. */
export const shop = schema('shop');

/** Order states, with a comment. */
export const orderStatus = enumType(shop, 'order_status', ['pending', 'paid', 'shipped', 'cancelled'], {
  comment: 'Lifecycle of an order',
});

/** Labels that need quoting. */
export const priority = enumType('public', 'priority', ['low', "it's urgent", 'Very "High"']);
