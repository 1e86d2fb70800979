-- Kassa sync server, PostgreSQL: stores, pairing, terminals, the journal and its folded sales,
-- exceptions, and the products read model.
CREATE TABLE stores (
  store_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  currency TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  locale TEXT NOT NULL,
  variable_measure TEXT NOT NULL,
  created_at BIGINT NOT NULL
);

CREATE TABLE pairing_codes (
  code_hash TEXT PRIMARY KEY,
  store_id TEXT NOT NULL REFERENCES stores (store_id),
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT,
  terminal_id TEXT
);

CREATE TABLE terminals (
  terminal_id TEXT PRIMARY KEY,
  store_id TEXT NOT NULL REFERENCES stores (store_id),
  name TEXT,
  token_hash TEXT NOT NULL UNIQUE,
  paired_at BIGINT NOT NULL,
  last_seen_at BIGINT,
  contiguous_seq BIGINT NOT NULL DEFAULT 0,
  max_seq BIGINT NOT NULL DEFAULT 0
);

-- Insert-only. server_seq is the server's order of acceptance (terminal clocks are not trusted).
CREATE TABLE journal (
  server_seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  terminal_id TEXT NOT NULL,
  store_id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  hash TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  body TEXT NOT NULL,
  received_at BIGINT NOT NULL
);
CREATE INDEX journal_terminal_seq ON journal (terminal_id, seq);

CREATE TABLE sales (
  event_id TEXT PRIMARY KEY REFERENCES journal (id),
  server_seq BIGINT NOT NULL,
  terminal_id TEXT NOT NULL,
  store_id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  business_day TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  currency TEXT NOT NULL,
  total_cents BIGINT NOT NULL,
  payments TEXT NOT NULL,
  member_id TEXT
);
CREATE INDEX sales_terminal ON sales (terminal_id, server_seq);
CREATE INDEX sales_store ON sales (store_id, server_seq);

CREATE TABLE sale_lines (
  event_id TEXT NOT NULL REFERENCES sales (event_id),
  line_no BIGINT NOT NULL,
  line_id TEXT NOT NULL,
  product_id TEXT NOT NULL,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  quantity BIGINT NOT NULL,
  weight_grams BIGINT,
  unit_price_cents BIGINT NOT NULL,
  amount_cents BIGINT NOT NULL,
  PRIMARY KEY (event_id, line_no)
);

CREATE TABLE exceptions (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind TEXT NOT NULL,
  terminal_id TEXT NOT NULL,
  store_id TEXT NOT NULL,
  event_id TEXT,
  seq BIGINT,
  message TEXT NOT NULL,
  detail TEXT,
  detected_at BIGINT NOT NULL
);
CREATE INDEX exceptions_terminal ON exceptions (terminal_id, id);

CREATE TABLE products (
  store_id TEXT NOT NULL REFERENCES stores (store_id),
  id TEXT NOT NULL,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  price_cents BIGINT NOT NULL,
  unit TEXT NOT NULL,
  category TEXT NOT NULL,
  brand TEXT NOT NULL,
  tags TEXT NOT NULL,
  deleted BIGINT NOT NULL DEFAULT 0,
  server_seq BIGINT NOT NULL UNIQUE,
  PRIMARY KEY (store_id, id)
);
CREATE INDEX products_pull ON products (store_id, server_seq);

CREATE TABLE counters (
  name TEXT PRIMARY KEY,
  value BIGINT NOT NULL
);
INSERT INTO counters (name, value) VALUES ('product_seq', 0);
