/** The quoting helpers live in util/quote.ts so that every layer (db included) can use them; sql re-exports them. */
export { dollarQuote, ident, identList, isQuotedKeyword, literal, qualified } from '../util';
