-- Users, their credentials and tokens, invites, and the kernel's shared secrets.
-- Timestamps are epoch milliseconds UTC. Secrets (refresh tokens, API keys, invite codes) are stored
-- only as lower-case hex SHA-256 hashes.

CREATE TABLE users (
  id ${pk},
  username VARCHAR(64) NOT NULL,
  -- lower-cased username: names are unique case-insensitively
  username_key VARCHAR(64) NOT NULL,
  password_hash VARCHAR(255) NOT NULL,
  role VARCHAR(16) NOT NULL,
  disabled BOOLEAN NOT NULL DEFAULT FALSE,
  -- bumped on password change and disable: access tokens carry it and die when it moves
  token_version INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  CONSTRAINT uq_users_username_key UNIQUE (username_key)
) ${table_options};

CREATE TABLE refresh_tokens (
  id ${pk},
  user_id BIGINT NOT NULL,
  token_hash CHAR(64) NOT NULL,
  -- every token rotated from one login shares the family; reuse of a rotated one revokes it all
  family_id CHAR(36) NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  rotated_at BIGINT NULL,
  revoked_at BIGINT NULL,
  CONSTRAINT uq_refresh_tokens_hash UNIQUE (token_hash),
  CONSTRAINT fk_refresh_tokens_user FOREIGN KEY (user_id) REFERENCES users (id)
) ${table_options};

CREATE INDEX ix_refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX ix_refresh_tokens_user ON refresh_tokens (user_id);
CREATE INDEX ix_refresh_tokens_expires ON refresh_tokens (expires_at);

CREATE TABLE api_keys (
  id ${pk},
  user_id BIGINT NOT NULL,
  name VARCHAR(100) NOT NULL,
  key_hash CHAR(64) NOT NULL,
  -- the key's first characters, to tell keys apart in lists
  display_prefix VARCHAR(16) NOT NULL,
  created_at BIGINT NOT NULL,
  last_used_at BIGINT NULL,
  CONSTRAINT uq_api_keys_hash UNIQUE (key_hash),
  CONSTRAINT fk_api_keys_user FOREIGN KEY (user_id) REFERENCES users (id)
) ${table_options};

CREATE INDEX ix_api_keys_user ON api_keys (user_id);

-- created_by and used_by are kept as plain numbers: an invite outlives a deleted user's row
CREATE TABLE invites (
  id ${pk},
  code_hash CHAR(64) NOT NULL,
  role VARCHAR(16) NOT NULL,
  created_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_by BIGINT NULL,
  used_at BIGINT NULL,
  CONSTRAINT uq_invites_hash UNIQUE (code_hash)
) ${table_options};

-- One row that transactions changing the set of administrators update first: a portable row lock
-- (InnoDB locks the row; SQLite takes its single write lock), so that first-boot setup and the
-- last-admin checks cannot race.
CREATE TABLE auth_lock (
  id INTEGER NOT NULL PRIMARY KEY,
  locked_at BIGINT NOT NULL
) ${table_options};

INSERT INTO auth_lock (id, locked_at) VALUES (1, 0);

-- Secrets every node over one database shares, for example the access-token signing key.
CREATE TABLE kernel_secrets (
  name VARCHAR(64) NOT NULL PRIMARY KEY,
  secret_value ${text} NOT NULL,
  created_at BIGINT NOT NULL
) ${table_options};
