-- The embedded OpenID Connect provider (identity-service, Spring Authorization Server 1.5):
-- its JDBC tables for clients, authorizations (codes, access, refresh and ID tokens) and consents,
-- as in the library's own schema with PostgreSQL's advice applied (TEXT instead of BLOB: the
-- service reads the column types and writes strings; instants WITH TIME ZONE), and the signing keys.
-- In the shared database so that every instance of the provider signs with the same keys, a
-- restart keeps issued tokens valid and a refresh token revoked on one instance is revoked on all.
-- docs/decisions/security-openid-connect.md. Runs unchanged on H2 2.x and PostgreSQL 17.

CREATE TABLE oauth2_registered_client (
    id                            VARCHAR(100)             NOT NULL,
    client_id                     VARCHAR(100)             NOT NULL,
    client_id_issued_at           TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,
    client_secret                 VARCHAR(200)             DEFAULT NULL,
    client_secret_expires_at      TIMESTAMP WITH TIME ZONE DEFAULT NULL,
    client_name                   VARCHAR(200)             NOT NULL,
    client_authentication_methods VARCHAR(1000)            NOT NULL,
    authorization_grant_types     VARCHAR(1000)            NOT NULL,
    redirect_uris                 VARCHAR(1000)            DEFAULT NULL,
    post_logout_redirect_uris     VARCHAR(1000)            DEFAULT NULL,
    scopes                        VARCHAR(1000)            NOT NULL,
    client_settings               VARCHAR(2000)            NOT NULL,
    token_settings                VARCHAR(2000)            NOT NULL,
    CONSTRAINT oauth2_registered_client_pk PRIMARY KEY (id),
    CONSTRAINT oauth2_registered_client_client_id_uk UNIQUE (client_id)
);

CREATE TABLE oauth2_authorization (
    id                            VARCHAR(100)             NOT NULL,
    registered_client_id          VARCHAR(100)             NOT NULL,
    principal_name                VARCHAR(200)             NOT NULL,
    authorization_grant_type      VARCHAR(100)             NOT NULL,
    authorized_scopes             VARCHAR(1000)            DEFAULT NULL,
    attributes                    TEXT                     DEFAULT NULL,
    state                         VARCHAR(500)             DEFAULT NULL,
    authorization_code_value      TEXT                     DEFAULT NULL,
    authorization_code_issued_at  TIMESTAMP WITH TIME ZONE DEFAULT NULL,
    authorization_code_expires_at TIMESTAMP WITH TIME ZONE DEFAULT NULL,
    authorization_code_metadata   TEXT                     DEFAULT NULL,
    access_token_value            TEXT                     DEFAULT NULL,
    access_token_issued_at        TIMESTAMP WITH TIME ZONE DEFAULT NULL,
    access_token_expires_at       TIMESTAMP WITH TIME ZONE DEFAULT NULL,
    access_token_metadata         TEXT                     DEFAULT NULL,
    access_token_type             VARCHAR(100)             DEFAULT NULL,
    access_token_scopes           VARCHAR(1000)            DEFAULT NULL,
    oidc_id_token_value           TEXT                     DEFAULT NULL,
    oidc_id_token_issued_at       TIMESTAMP WITH TIME ZONE DEFAULT NULL,
    oidc_id_token_expires_at      TIMESTAMP WITH TIME ZONE DEFAULT NULL,
    oidc_id_token_metadata        TEXT                     DEFAULT NULL,
    refresh_token_value           TEXT                     DEFAULT NULL,
    refresh_token_issued_at       TIMESTAMP WITH TIME ZONE DEFAULT NULL,
    refresh_token_expires_at      TIMESTAMP WITH TIME ZONE DEFAULT NULL,
    refresh_token_metadata        TEXT                     DEFAULT NULL,
    user_code_value               TEXT                     DEFAULT NULL,
    user_code_issued_at           TIMESTAMP WITH TIME ZONE DEFAULT NULL,
    user_code_expires_at          TIMESTAMP WITH TIME ZONE DEFAULT NULL,
    user_code_metadata            TEXT                     DEFAULT NULL,
    device_code_value             TEXT                     DEFAULT NULL,
    device_code_issued_at         TIMESTAMP WITH TIME ZONE DEFAULT NULL,
    device_code_expires_at        TIMESTAMP WITH TIME ZONE DEFAULT NULL,
    device_code_metadata          TEXT                     DEFAULT NULL,
    CONSTRAINT oauth2_authorization_pk PRIMARY KEY (id)
);

-- a password change ends the account's sessions: their authorizations are found by principal
CREATE INDEX oauth2_authorization_principal_idx ON oauth2_authorization (principal_name);

CREATE TABLE oauth2_authorization_consent (
    registered_client_id VARCHAR(100)  NOT NULL,
    principal_name       VARCHAR(200)  NOT NULL,
    authorities          VARCHAR(1000) NOT NULL,
    CONSTRAINT oauth2_authorization_consent_pk PRIMARY KEY (registered_client_id, principal_name)
);

-- The provider's RSA key pairs: the newest signs, every key not yet retired is published (JWKS)
-- so that tokens signed before a rotation stay valid until they expire.
CREATE TABLE identity_signing_key (
    kid         VARCHAR(64)              NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    public_key  TEXT                     NOT NULL,
    private_key TEXT                     NOT NULL,
    retired_at  TIMESTAMP WITH TIME ZONE DEFAULT NULL,
    CONSTRAINT identity_signing_key_pk PRIMARY KEY (kid)
);
