package dev.mcpspring.security;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

import dev.mcpspring.autoconfigure.McpAuthorizationAutoConfiguration;
import dev.mcpspring.autoconfigure.McpServerAutoConfiguration;
import dev.mcpspring.autoconfigure.McpServletTransportAutoConfiguration;
import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.McpJsonMapper;
import dev.mcpspring.server.GrantedScopes;
import dev.mcpspring.server.ToolRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/** When each part of the authorization auto-configuration applies. */
class McpAuthorizationAutoConfigurationTests {

    private static final String BOOT_SECURITY = "org.springframework.boot.security.autoconfigure.";

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(McpServerAutoConfiguration.class,
                McpServletTransportAutoConfiguration.class, McpAuthorizationAutoConfiguration.class))
        .withConfiguration(AutoConfigurations.of(bootSecurity("SecurityAutoConfiguration"),
                bootSecurity("web.servlet.ServletWebSecurityAutoConfiguration"),
                bootSecurity("web.servlet.SecurityFilterAutoConfiguration")));

    @Test
    void withoutAJwtDecoderNothingIsSecuredButScopesAreRead() {
        runner.run(context -> {
            assertThat(context).hasNotFailed()
                .doesNotHaveBean(McpEndpointSecurity.class)
                .doesNotHaveBean("mcpSecurityFilterChain")
                .doesNotHaveBean("mcpProtectedResourceMetadataFilter");
            assertThat(context.getBean(GrantedScopes.class)).isInstanceOf(AuthenticationScopes.class);
        });
    }

    @Test
    void theResourceAloneServesTheMetadata() {
        runner.withPropertyValues("mcp.server.authorization.resource=" + Tokens.RESOURCE).run(context -> {
            assertThat(context).hasNotFailed().hasBean("mcpProtectedResourceMetadataFilter")
                .doesNotHaveBean("mcpSecurityFilterChain");
            FilterRegistrationBean<?> registration = context.getBean("mcpProtectedResourceMetadataFilter",
                    FilterRegistrationBean.class);
            assertThat(registration.getOrder()).isEqualTo(-110);
            assertThat(((ProtectedResourceMetadataFilter) registration.getFilter()).paths()).containsExactlyInAnyOrder(
                    "/.well-known/oauth-protected-resource", "/.well-known/oauth-protected-resource/mcp");
        });
    }

    @Test
    void theMetadataIsServedUnderAnEndpointPathThatDiffersFromTheResourcePath() {
        runner.withPropertyValues("mcp.server.authorization.resource=https://example.com/tools/mcp",
                "mcp.server.endpoint=/api/mcp").run(context -> {
                    FilterRegistrationBean<?> registration = context.getBean("mcpProtectedResourceMetadataFilter",
                            FilterRegistrationBean.class);
                    assertThat(((ProtectedResourceMetadataFilter) registration.getFilter()).paths())
                        .containsExactlyInAnyOrder("/.well-known/oauth-protected-resource",
                                "/.well-known/oauth-protected-resource/tools/mcp",
                                "/.well-known/oauth-protected-resource/api/mcp");
                });
    }

    @Test
    void aJwtDecoderSecuresTheEndpoint() {
        runner.withBean(JwtDecoder.class, () -> NimbusJwtDecoder.withPublicKey(Tokens.publicKey()).build())
            .withPropertyValues("mcp.server.authorization.resource=" + Tokens.RESOURCE)
            .run(context -> assertThat(context).hasNotFailed()
                .hasSingleBean(McpEndpointSecurity.class)
                .hasBean("mcpSecurityFilterChain")
                .hasBean("mcpDefaultSecurityFilterChain"));
    }

    @Test
    void aJwtDecoderWithoutTheResourceFailsTheStartWithAnExplanation() {
        runner.withBean(JwtDecoder.class, () -> NimbusJwtDecoder.withPublicKey(Tokens.publicKey()).build())
            .run(context -> assertThat(context).hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContaining("mcp.server.authorization.resource is not set"));
    }

    @Test
    void theStarterChainCanBeTurnedOff() {
        runner.withBean(JwtDecoder.class, () -> NimbusJwtDecoder.withPublicKey(Tokens.publicKey()).build())
            .withPropertyValues("mcp.server.authorization.enabled=false")
            .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("mcpSecurityFilterChain"));
    }

    @Test
    void theApplicationsChainWins() {
        runner.withBean(JwtDecoder.class, () -> NimbusJwtDecoder.withPublicKey(Tokens.publicKey()).build())
            .withBean("ownChain", SecurityFilterChain.class,
                    () -> new org.springframework.security.web.DefaultSecurityFilterChain(request -> true))
            .run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean("mcpSecurityFilterChain")
                .doesNotHaveBean("mcpDefaultSecurityFilterChain")
                .doesNotHaveBean(McpEndpointSecurity.class));
    }

    @Test
    void withoutSpringSecurityTheMetadataIsStillServed() {
        runner.withClassLoader(new FilteredClassLoader("org.springframework.security."))
            .withPropertyValues("mcp.server.authorization.resource=" + Tokens.RESOURCE)
            .run(context -> assertThat(context).hasNotFailed()
                .hasBean("mcpProtectedResourceMetadataFilter")
                .doesNotHaveBean(GrantedScopes.class));
    }

    @Test
    void theIssuerUriIsTheDefaultAuthorizationServer() {
        runner.withPropertyValues("mcp.server.authorization.resource=" + Tokens.RESOURCE,
                "spring.security.oauth2.resourceserver.jwt.issuer-uri=https://issuer.example.com")
            .run(context -> assertThat(context.getBean(ProtectedResource.class).authorizationServers())
                .isEqualTo(List.of("https://issuer.example.com")));
        runner.withPropertyValues("mcp.server.authorization.resource=" + Tokens.RESOURCE,
                "spring.security.oauth2.resourceserver.jwt.issuer-uri=https://issuer.example.com",
                "mcp.server.authorization.authorization-servers=https://as.example.com")
            .run(context -> assertThat(context.getBean(ProtectedResource.class).authorizationServers())
                .isEqualTo(List.of("https://as.example.com")));
    }

    @Test
    void theProtectedResourceBacksOffForTheApplicationsOwn() {
        WebApplicationContextRunner withResource = runner
            .withPropertyValues("mcp.server.authorization.resource=" + Tokens.RESOURCE);
        withResource.run(context -> assertThat(context).hasBean("mcpProtectedResource"));
        ProtectedResource own = ProtectedResource.of(Tokens.RESOURCE, "https://as.example.com");
        withResource.withBean(ProtectedResource.class, () -> own).run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean("mcpProtectedResource");
            assertThat(context).getBean(ProtectedResource.class).isSameAs(own);
        });
    }

    @Test
    void theMetadataFilterBacksOffForABeanOfItsName() {
        WebApplicationContextRunner withResource = runner
            .withPropertyValues("mcp.server.authorization.resource=" + Tokens.RESOURCE);
        withResource.run(context -> assertThat(context).hasBean("mcpProtectedResourceMetadataFilter"));
        FilterRegistrationBean<?> own = new FilterRegistrationBean<>((request, response, chain) -> { });
        withResource.withBean("mcpProtectedResourceMetadataFilter", FilterRegistrationBean.class, () -> own)
            .run(context -> assertThat(context.getBean("mcpProtectedResourceMetadataFilter")).isSameAs(own));
    }

    @Test
    void theGrantedScopesBackOffForTheApplicationsOwn() {
        runner.run(context -> assertThat(context).hasBean("mcpGrantedScopes"));
        GrantedScopes own = principal -> Set.of("own");
        runner.withBean(GrantedScopes.class, () -> own).run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean("mcpGrantedScopes");
            assertThat(context).getBean(GrantedScopes.class).isSameAs(own);
        });
    }

    @Test
    void theEndpointSecurityBacksOffForTheApplicationsOwn() {
        JwtDecoder decoder = NimbusJwtDecoder.withPublicKey(Tokens.publicKey()).build();
        WebApplicationContextRunner resourceServer = runner.withBean(JwtDecoder.class, () -> decoder)
            .withPropertyValues("mcp.server.authorization.resource=" + Tokens.RESOURCE);
        resourceServer.run(context -> assertThat(context).hasBean("mcpEndpointSecurity"));
        McpEndpointSecurity own = new McpEndpointSecurity(ProtectedResource.of(Tokens.RESOURCE), decoder,
                GrantedScopes.NONE, new ToolRegistry(), new JsonRpcCodec(McpJsonMapper.create()), 1024);
        resourceServer.withBean("ownEndpointSecurity", McpEndpointSecurity.class, () -> own).run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean("mcpEndpointSecurity");
            assertThat(context).getBean(McpEndpointSecurity.class).isSameAs(own);
            assertThat(context).hasBean("mcpSecurityFilterChain");
        });
    }

    private static Class<?> bootSecurity(String name) {
        try {
            return Class.forName(BOOT_SECURITY + name);
        }
        catch (ClassNotFoundException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
