package dev.mcpspring.docs.testing;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The application the tests of docs/testing.md find with {@code @SpringBootTest}, as a user's tests find theirs:
 * the quick start's and the sampling page's tools, the resources page's library, the endpoint open (the docs
 * module has Spring Security for the security page).
 */
@SpringBootApplication(scanBasePackages = { "dev.mcpspring.docs.quickstart", "dev.mcpspring.docs.peer",
        "dev.mcpspring.docs.resources" })
class TestingExamplesApplication {

    @Bean
    SecurityFilterChain open(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
            .csrf(csrf -> csrf.disable())
            .build();
    }
}
