package fr.klub.identity.passwordreset;

import java.time.Clock;

import javax.sql.DataSource;

import fr.klub.platform.security.AccountService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
class PasswordResetConfiguration {

    @Bean
    PasswordResets passwordResets(DataSource dataSource, AccountService accounts, PlatformTransactionManager transactions) {
        // real time: a link's 30 minutes are the family's, whatever clock a demo runs on
        return new PasswordResets(JdbcClient.create(dataSource), accounts, new TransactionTemplate(transactions),
                Clock.systemUTC());
    }
}
