CREATE TYPE tier AS ENUM ('free', 'pro');
CREATE TABLE plans (
  id integer PRIMARY KEY,
  tier tier NOT NULL,
  seats integer,
  CONSTRAINT plans_seats_check CHECK (tier = 'pro' OR seats IS NULL)
);
CREATE INDEX plans_pro_idx ON plans (id) WHERE tier = 'pro';
