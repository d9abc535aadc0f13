package dev.mcpspring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;

/**
 * Every {@code @ConditionalOnMissingBean} bean method of the starter's auto-configurations (those named in
 * {@code META-INF/spring/...AutoConfiguration.imports}, nested configuration classes included) has an
 * {@code ApplicationContextRunner} test showing that a bean of the application's own makes it back off, and is
 * listed in {@link #BACK_OFF_TESTED}. A new conditional bean fails this test until its back-off test is written
 * and it is listed; an entry whose bean method is gone fails it too.
 */
class ConditionalBeansBackOffCompletenessTests {

    /** {@code DeclaringClass#method}, nested classes as {@code Outer.Nested}; where the back-off test is. */
    private static final Set<String> BACK_OFF_TESTED = Set.of(
            // McpServerAutoConfigurationTests
            "McpServerAutoConfiguration#mcpJsonRpcCodec",
            "McpServerAutoConfiguration#mcpToolRegistry",
            "McpServerAutoConfiguration#mcpResourceRegistry",
            "McpServerAutoConfiguration#mcpResourceTemplateRegistry",
            "McpServerAutoConfiguration#mcpPromptRegistry",
            "McpServerAutoConfiguration#mcpCompletionRegistry",
            "McpServerAutoConfiguration#mcpAnnotatedMethodRegistrar",
            "McpServerAutoConfiguration#mcpServerIdentity",
            "McpServerAutoConfiguration#mcpElicitationSchemaGenerator",
            "McpServerAutoConfiguration#mcpServer",
            "McpServerAutoConfiguration#mcpPeers",
            "McpServerAutoConfiguration#mcpResourceUpdates",
            "McpServerAutoConfiguration#mcpEventStore",
            "McpServerAutoConfiguration#mcpSessionManager",
            "McpServerAutoConfiguration#mcpHandlerExecutor",
            "McpServerAutoConfiguration#mcpGracefulShutdown",
            "McpServerAutoConfiguration#mcpTaskStore",
            "McpServerAutoConfiguration#mcpStartupReport",
            // McpServletTransportAutoConfigurationTests
            "McpServletTransportAutoConfiguration#mcpStreamableHttpServlet",
            "McpServletTransportAutoConfiguration#mcpServletRegistration",
            "McpServletTransportAutoConfiguration#mcpFilterChainExitRegistration",
            "McpServletTransportAutoConfiguration#mcpDnsRebindingFilterRegistration",
            // McpStdioTransportAutoConfigurationTests
            "McpStdioTransportAutoConfiguration#mcpStdioStreams",
            "McpStdioTransportAutoConfiguration#mcpStdioTransport",
            // McpRedisSessionAutoConfigurationTests
            "McpRedisSessionAutoConfiguration#mcpRedisEventStore",
            "McpRedisSessionAutoConfiguration#mcpRedisSessionManager",
            "McpRedisSessionAutoConfiguration#mcpRedisTaskStore",
            // McpObservationAutoConfigurationTests
            "McpObservationAutoConfiguration#mcpRequestObserver",
            // McpActuatorAutoConfigurationTests
            "McpMetricsAutoConfiguration#mcpServerMetrics",
            "McpActuatorAutoConfiguration.EndpointConfiguration.AvailableEndpointConfiguration"
                    + "#mcpEndpoint",
            "McpActuatorAutoConfiguration.HealthConfiguration.EnabledHealthConfiguration"
                    + "#mcpHealthIndicator",
            "McpActuatorAutoConfiguration.InfoConfiguration#mcpInfoContributor",
            // dev.mcpspring.context.McpTaskDecoratorAutoConfigurationTests
            "McpTaskDecoratorAutoConfiguration.SecurityContextConfiguration#mcpSecurityContextTaskDecorator",
            "McpTaskDecoratorAutoConfiguration.ContextPropagationConfiguration#mcpContextPropagationTaskDecorator",
            "McpTaskDecoratorAutoConfiguration.ContextPropagationConfiguration.ObservationScopeConfiguration"
                    + "#mcpObservationScopeTaskDecorator",
            "McpTaskDecoratorAutoConfiguration.MdcConfiguration#mcpMdcTaskDecorator",
            // dev.mcpspring.security.McpAuthorizationAutoConfigurationTests
            "McpAuthorizationAutoConfiguration.ProtectedResourceConfiguration#mcpProtectedResource",
            "McpAuthorizationAutoConfiguration.ProtectedResourceConfiguration.MetadataFilterConfiguration"
                    + "#mcpProtectedResourceMetadataFilter",
            "McpAuthorizationAutoConfiguration.GrantedScopesConfiguration#mcpGrantedScopes",
            "McpAuthorizationAutoConfiguration.ResourceServerConfiguration#mcpEndpointSecurity");

    @Test
    void everyConditionalBeanHasABackOffTest() {
        Set<String> conditionalBeans = conditionalBeanMethods();
        List<String> problems = new ArrayList<>();
        for (String bean : conditionalBeans) {
            if (!BACK_OFF_TESTED.contains(bean)) {
                problems.add(bean + " is a @ConditionalOnMissingBean bean without a back-off test: add an "
                        + "ApplicationContextRunner test showing that the application's own bean makes it back off "
                        + "(and that without it the starter's bean is there), then list it in BACK_OFF_TESTED");
            }
        }
        for (String listed : new TreeSet<>(BACK_OFF_TESTED)) {
            if (!conditionalBeans.contains(listed)) {
                problems.add(listed + " is listed in BACK_OFF_TESTED but is no @ConditionalOnMissingBean bean method "
                        + "of an auto-configuration any more: remove it from the list (and its test, if the bean "
                        + "is gone)");
            }
        }
        assertThat(problems).withFailMessage(() -> String.join("\n", problems)).isEmpty();
    }

    /** The starter's own auto-configurations, as the imports file names them. */
    private static Set<String> conditionalBeanMethods() {
        ClassLoader classLoader = ConditionalBeansBackOffCompletenessTests.class.getClassLoader();
        Set<String> methods = new TreeSet<>();
        for (String name : ImportCandidates.load(AutoConfiguration.class, classLoader)) {
            if (name.startsWith("dev.mcpspring.")) {
                addConditionalBeanMethods(ClassUtils.resolveClassName(name, classLoader), methods);
            }
        }
        assertThat(methods).as("conditional beans found in the starter's auto-configurations").isNotEmpty();
        return methods;
    }

    private static void addConditionalBeanMethods(Class<?> configuration, Set<String> methods) {
        for (Method method : configuration.getDeclaredMethods()) {
            if (AnnotatedElementUtils.hasAnnotation(method, Bean.class)
                    && AnnotatedElementUtils.hasAnnotation(method, ConditionalOnMissingBean.class)) {
                methods.add(name(configuration) + "#" + method.getName());
            }
        }
        for (Class<?> nested : configuration.getDeclaredClasses()) {
            addConditionalBeanMethods(nested, methods);
        }
    }

    /** The class name without its package, nested classes joined with a dot. */
    private static String name(Class<?> type) {
        return type.getName().substring(type.getPackageName().length() + 1).replace('$', '.');
    }
}
