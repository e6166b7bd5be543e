-- Login accounts for HTTP Basic. Passwords are stored only as Spring Security
-- DelegatingPasswordEncoder hashes ("{bcrypt}$2a$..."). Usernames are stored lower-case.
CREATE TABLE account (
    id                  UUID                     NOT NULL,
    username            VARCHAR(100)             NOT NULL,
    password_hash       VARCHAR(255)             NOT NULL,
    role                VARCHAR(20)              NOT NULL,
    family_id           UUID,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    password_changed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT account_pk PRIMARY KEY (id),
    CONSTRAINT account_username_uk UNIQUE (username),
    CONSTRAINT account_role_ck CHECK (role IN ('PARENT', 'STAFF', 'AUDITOR')),
    -- a parent is always bound to exactly one family; staff and auditors to none
    CONSTRAINT account_family_ck CHECK ((role = 'PARENT' AND family_id IS NOT NULL)
                                        OR (role <> 'PARENT' AND family_id IS NULL))
);

CREATE INDEX account_family_idx ON account (family_id);
