-- "J'ai oublié mon mot de passe" (identity-service): one row per reset link asked for a parent's
-- account. The link's token is kept only as its SHA-256 (token_hash); the token itself waits in
-- link_token until the notification-service has put it in the family's mail (mailed_at), then is
-- erased. A link is good once (used_at) and until expires_at. docs/decisions/security-openid-connect.md.
-- Runs unchanged on H2 2.x and PostgreSQL 17.

CREATE TABLE password_reset (
    id         UUID                     NOT NULL,
    account_id UUID                     NOT NULL,
    family_id  UUID                     NOT NULL,
    token_hash VARCHAR(64)              NOT NULL,
    link_token VARCHAR(64),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    mailed_at  TIMESTAMP WITH TIME ZONE,
    used_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT password_reset_pk PRIMARY KEY (id),
    CONSTRAINT password_reset_token_uk UNIQUE (token_hash)
);

CREATE INDEX password_reset_unmailed_idx ON password_reset (mailed_at);
