package dev.mcpspring.sample.security;

import java.time.Duration;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Prints a token to call the {@code secured} sample with (the key is made at start-up, so there is no other way to
 * get one). Never do this with real credentials. Over stdio there is no HTTP and no token to print.
 */
@Component
@Profile("secured")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty(name = "sample.security.print-demo-token", matchIfMissing = true)
class DemoToken implements ApplicationRunner {

    private static final Log logger = LogFactory.getLog(DemoToken.class);

    private final SampleTokens tokens;

    private final List<String> scopes;

    DemoToken(SampleTokens tokens, @Value("${sample.security.demo-token-scopes}") List<String> scopes) {
        this.tokens = tokens;
        this.scopes = scopes;
    }

    @Override
    public void run(ApplicationArguments args) {
        String token = tokens.issue("demo-user", Duration.ofHours(1), scopes.toArray(String[]::new));
        logger.info("Sample access token for 'demo-user' (scopes " + String.join(" ", scopes) + ", valid 1 hour):"
                + System.lineSeparator() + "Authorization: Bearer " + token);
    }
}
