import { expect } from 'chai';
import { renderPull } from '../../src/generators';
import { introspect } from '../../src/introspect';
import { engines, useFreshDb } from '../support/engines';
import { planAfterPull } from './pull-round-trip';

/**
 * A pagila-shaped sample schema (the DVD rental sample's structure, written here, no data): serial keys with
 * implicit names, a domain, an enum, composite keys, foreign keys with actions, a NOT VALID foreign key,
 * a trigger function keeping `last_update`, a view and a partitioned payment table.
 */
const PAGILA_LIKE_SQL = `
  CREATE TYPE mpaa_rating AS ENUM ('G', 'PG', 'PG-13', 'R', 'NC-17');
  CREATE DOMAIN year AS integer CONSTRAINT year_check CHECK (VALUE >= 1901 AND VALUE <= 2155);
  CREATE FUNCTION last_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.last_update = CURRENT_TIMESTAMP;
  RETURN NEW;
END $$;
  CREATE TABLE language (language_id serial PRIMARY KEY, name character(20) NOT NULL, last_update timestamp with time zone DEFAULT now() NOT NULL);
  CREATE TABLE actor (actor_id serial PRIMARY KEY, first_name text NOT NULL, last_name text NOT NULL, last_update timestamp with time zone DEFAULT now() NOT NULL);
  CREATE INDEX idx_actor_last_name ON actor (last_name);
  CREATE TABLE film (
    film_id serial PRIMARY KEY, title text NOT NULL, description text, release_year year,
    language_id integer NOT NULL REFERENCES language (language_id) ON UPDATE CASCADE ON DELETE RESTRICT,
    rental_duration smallint DEFAULT 3 NOT NULL, rental_rate numeric(4,2) DEFAULT 4.99 NOT NULL,
    rating mpaa_rating DEFAULT 'G', special_features text[], last_update timestamp with time zone DEFAULT now() NOT NULL
  );
  CREATE INDEX idx_title ON film (title);
  CREATE TABLE film_actor (
    actor_id integer NOT NULL REFERENCES actor (actor_id) ON UPDATE CASCADE ON DELETE RESTRICT,
    film_id integer NOT NULL REFERENCES film (film_id) ON UPDATE CASCADE ON DELETE RESTRICT,
    last_update timestamp with time zone DEFAULT now() NOT NULL,
    PRIMARY KEY (actor_id, film_id)
  );
  CREATE INDEX idx_fk_film_id ON film_actor (film_id);
  CREATE TABLE customer (
    customer_id serial PRIMARY KEY, store_id integer NOT NULL, first_name text NOT NULL, last_name text NOT NULL,
    email text, activebool boolean DEFAULT true NOT NULL, create_date date DEFAULT CURRENT_DATE NOT NULL,
    last_update timestamp with time zone DEFAULT now(), active integer
  );
  CREATE TABLE rental (
    rental_id serial PRIMARY KEY, rental_date timestamp with time zone NOT NULL, customer_id integer NOT NULL,
    return_date timestamp with time zone, last_update timestamp with time zone DEFAULT now() NOT NULL
  );
  ALTER TABLE rental ADD CONSTRAINT rental_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customer (customer_id) NOT VALID;
  CREATE UNIQUE INDEX idx_unq_rental_rental_date_customer_id ON rental (rental_date, customer_id);
  CREATE TABLE payment (
    payment_id serial NOT NULL, customer_id integer NOT NULL, rental_id integer NOT NULL,
    amount numeric(5,2) NOT NULL, payment_date timestamp with time zone NOT NULL,
    PRIMARY KEY (payment_date, payment_id)
  ) PARTITION BY RANGE (payment_date);
  CREATE TABLE payment_p2022_01 PARTITION OF payment FOR VALUES FROM ('2022-01-01') TO ('2022-02-01');
  CREATE TABLE payment_p2022_02 PARTITION OF payment FOR VALUES FROM ('2022-02-01') TO ('2022-03-01');
  CREATE INDEX payment_customer_idx ON payment (customer_id);
  CREATE TRIGGER last_updated BEFORE UPDATE ON actor FOR EACH ROW EXECUTE FUNCTION last_updated();
  CREATE TRIGGER last_updated BEFORE UPDATE ON film FOR EACH ROW EXECUTE FUNCTION last_updated();
  CREATE VIEW actor_info AS
    SELECT a.actor_id, a.first_name, a.last_name, count(fa.film_id) AS films
      FROM actor a LEFT JOIN film_actor fa ON fa.actor_id = a.actor_id
     GROUP BY a.actor_id, a.first_name, a.last_name;
  COMMENT ON TABLE film IS 'films in the catalogue';
`;

/** `pull` → `plan` is empty on a real-world-shaped sample schema (issue 9). */
for (const engine of engines) {
  describe(`generators/pull on a pagila-like sample schema (${engine.name})`, function () {
    this.timeout(180_000);
    const db = useFreshDb(engine);

    it('pulls the sample schema; the plan after it is empty', async () => {
      await db().exec(PAGILA_LIKE_SQL);
      const files = renderPull(await introspect(db()));
      expect(await planAfterPull(db(), files)).to.deep.equal([]);
    });
  });
}
