package dev.mcpspring.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.config.Customizer.withDefaults;

/**
 * An application's own {@code SecurityFilterChain} that matches only some paths replaces the starter's and Spring
 * Boot's chains, and leaves the MCP endpoint open: the starter says so at start-up. Here, a chain for Actuator's
 * health endpoint only, as an application may declare when it begins securing Actuator.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = { SecuredTestApplication.class, SecuredTestApplication.Tools.class,
        SecuredTestApplication.Decoder.class, PartialUserChainHttpTests.HealthChain.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "mcp.server.authorization.resource=" + Tokens.RESOURCE,
                "mcp.server.authorization.authorization-servers=" + Tokens.ISSUER })
class PartialUserChainHttpTests extends SecurityHttpTestSupport {

    @Test
    void aWarningSaysThatNoChainCoversTheEndpointWhichIsOpen(CapturedOutput output) throws Exception {
        assertThat(output).contains("No SecurityFilterChain matches the MCP endpoint /mcp");
        assertThat(anonymous().initialize().status()).isEqualTo(200);
        assertThat(get("/actuator/health").statusCode()).isEqualTo(401);
    }

    @Configuration(proxyBeanMethods = false)
    static class HealthChain {

        @Bean
        SecurityFilterChain healthChain(HttpSecurity http) throws Exception {
            http.securityMatcher(EndpointRequest.to("health"))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer.jwt(withDefaults()));
            return http.build();
        }
    }
}
