package fr.klub.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

class KlubAuthenticationProviderTest {

    private final CountingEncoder encoder = new CountingEncoder();
    private final StubAccounts accounts = new StubAccounts();
    private final KlubAuthenticationProvider provider = new KlubAuthenticationProvider(accounts, encoder,
            new VerifiedCredentialsCache(Duration.ofMinutes(5), 100, java.time.Clock.systemUTC()),
            new RecentAccounts(Duration.ZERO, 100, java.time.Clock.systemUTC()),
            new SignInThrottle(new KlubSecurityProperties.SignIn(0, null, 0, null, null), io.github.bucket4j.TimeMeter.SYSTEM_NANOTIME));
    private final Account account = new Account(UUID.randomUUID(), "marie", encoder.encode("mot-de-passe"), Role.STAFF,
            Optional.empty(), Instant.now(), Instant.now());

    private Authentication login(String username, String password) {
        return provider.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(username, password));
    }

    @Test
    void bcryptRunsOnceThenTheVerifiedPasswordIsRecognised() {
        accounts.account = Optional.of(account);
        encoder.matches.set(0);

        for (int i = 0; i < 5; i++) {
            Authentication authentication = login("marie", "mot-de-passe");
            assertThat(authentication.isAuthenticated()).isTrue();
            assertThat(authentication.getPrincipal()).isEqualTo(account.toUser());
            assertThat(authentication.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_STAFF");
        }
        assertThat(encoder.matches).hasValue(1);
    }

    @Test
    void aWrongPasswordAlwaysGoesThroughBcryptAndFails() {
        accounts.account = Optional.of(account);
        login("marie", "mot-de-passe");
        encoder.matches.set(0);

        assertThatThrownBy(() -> login("marie", "mot-de-passe-faux")).isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> login("marie", "mot-de-passe-faux")).isInstanceOf(BadCredentialsException.class);
        assertThat(encoder.matches).hasValue(2);
    }

    @Test
    void aChangedStoredHashInvalidatesTheCachedVerification() {
        accounts.account = Optional.of(account);
        login("marie", "mot-de-passe");
        accounts.account = Optional.of(new Account(account.id(), "marie", encoder.encode("autre-secret"), Role.STAFF,
                Optional.empty(), account.createdAt(), Instant.now()));

        assertThatThrownBy(() -> login("marie", "mot-de-passe")).isInstanceOf(BadCredentialsException.class);
        assertThat(login("marie", "autre-secret").isAuthenticated()).isTrue();
    }

    @Test
    void anUnknownUserCostsABcryptCheckToo() {
        accounts.account = Optional.empty();
        encoder.matches.set(0);
        assertThatThrownBy(() -> login("personne", "mot-de-passe")).isInstanceOf(BadCredentialsException.class);
        assertThat(encoder.matches).hasValue(1);
    }

    @Test
    void aDatabaseFailureIsNotABadPassword() {
        accounts.failure = new DataAccessResourceFailureException("down");
        assertThatThrownBy(() -> login("marie", "mot-de-passe")).isInstanceOf(InternalAuthenticationServiceException.class);
    }

    @Test
    void onceTheBudgetIsSpentNoPasswordIsCheckedButAVerifiedOneStillPasses() {
        accounts.account = Optional.of(account);
        KlubAuthenticationProvider throttled = new KlubAuthenticationProvider(accounts, encoder,
                new VerifiedCredentialsCache(Duration.ofMinutes(5), 100, java.time.Clock.systemUTC()),
                new RecentAccounts(Duration.ZERO, 100, java.time.Clock.systemUTC()),
                new SignInThrottle(new KlubSecurityProperties.SignIn(2, Duration.ofMinutes(1), 10, Duration.ofSeconds(10), 100),
                        io.github.bucket4j.TimeMeter.SYSTEM_NANOTIME));
        UsernamePasswordAuthenticationToken right = UsernamePasswordAuthenticationToken.unauthenticated("marie", "mot-de-passe");
        assertThat(throttled.authenticate(right).isAuthenticated()).isTrue();
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> throttled.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("marie", "faux")))
                    .isInstanceOf(BadCredentialsException.class);
        }
        encoder.matches.set(0);

        assertThatThrownBy(() -> throttled.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("marie", "faux")))
                .isInstanceOfSatisfying(TooManySignInAttemptsException.class,
                        e -> assertThat(e.retryAfterSeconds()).isBetween(59L, 60L));
        assertThatThrownBy(() -> throttled.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("personne", "faux")))
                .isInstanceOf(BadCredentialsException.class);
        assertThat(throttled.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("marie", "mot-de-passe"))
                            .isAuthenticated()).isTrue();
        assertThat(encoder.matches).as("only the unknown user's check reached BCrypt").hasValue(1);
    }

    static final class CountingEncoder implements PasswordEncoder {
        private final PasswordEncoder delegate = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        final AtomicInteger matches = new AtomicInteger();

        @Override
        public String encode(CharSequence rawPassword) {
            return delegate.encode(rawPassword);
        }

        @Override
        public boolean matches(CharSequence rawPassword, String encodedPassword) {
            matches.incrementAndGet();
            return delegate.matches(rawPassword, encodedPassword);
        }
    }

    static final class StubAccounts extends AccountRepository {
        Optional<Account> account = Optional.empty();
        RuntimeException failure;

        StubAccounts() {
            super(null);
        }

        @Override
        Optional<Account> findByUsername(String username) {
            if (failure != null) {
                throw failure;
            }
            return account.filter(a -> a.username().equals(username));
        }
    }
}
