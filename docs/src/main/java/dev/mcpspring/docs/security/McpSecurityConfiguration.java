package dev.mcpspring.docs.security;

// tag::class[]
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import dev.mcpspring.security.McpEndpointSecurity;

@Configuration(proxyBeanMethods = false)
class McpSecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain mcp(HttpSecurity http, McpEndpointSecurity mcp) throws Exception {
        http.securityMatcher("/mcp");
        mcp.configure(http);
        return http.build();
    }
}
// end::class[]
