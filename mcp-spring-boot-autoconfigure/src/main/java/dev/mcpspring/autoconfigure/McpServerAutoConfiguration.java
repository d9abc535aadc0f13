package dev.mcpspring.autoconfigure;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
import org.springframework.core.task.TaskDecorator;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

import dev.mcpspring.annotation.internal.AnnotatedMethodRegistrar;
import dev.mcpspring.annotation.internal.ElicitationSchemas;
import dev.mcpspring.protocol.Implementation;
import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.McpJsonMapper;
import dev.mcpspring.protocol.internal.ProtocolVersions;
import dev.mcpspring.server.CompletionRegistry;
import dev.mcpspring.server.CompletionSpecification;
import dev.mcpspring.server.ElicitationSchemaGenerator;
import dev.mcpspring.server.GrantedScopes;
import dev.mcpspring.server.McpPeers;
import dev.mcpspring.server.McpRequestObserver;
import dev.mcpspring.server.PromptRegistry;
import dev.mcpspring.server.PromptSpecification;
import dev.mcpspring.server.ResourceRegistry;
import dev.mcpspring.server.ResourceSpecification;
import dev.mcpspring.server.ResourceTemplateRegistry;
import dev.mcpspring.server.ResourceTemplateSpecification;
import dev.mcpspring.server.ResourceUpdates;
import dev.mcpspring.server.ServerIdentity;
import dev.mcpspring.server.ToolRegistry;
import dev.mcpspring.server.ToolSpecification;
import dev.mcpspring.server.internal.HandlerExecutors;
import dev.mcpspring.server.internal.McpServer;
import dev.mcpspring.server.internal.ModernSettings;
import dev.mcpspring.server.internal.PeerSettings;
import dev.mcpspring.server.internal.RequestStateSealer;
import dev.mcpspring.server.internal.ServerRegistries;
import dev.mcpspring.server.internal.SubscriberResourceUpdates;
import dev.mcpspring.server.internal.SubscriptionLimits;
import dev.mcpspring.server.internal.TaskSettings;
import dev.mcpspring.session.EventStore;
import dev.mcpspring.session.InMemoryEventStore;
import dev.mcpspring.session.InMemorySessionManager;
import dev.mcpspring.session.SessionManager;
import dev.mcpspring.task.InMemoryTaskStore;
import dev.mcpspring.task.TaskStore;
import tools.jackson.core.StreamReadConstraints;

/**
 * Auto-configuration of the transport-independent MCP server: the protocol codec, the registries, the
 * dispatcher, the session manager and the executor handlers run on. Every bean backs off when the application
 * defines its own. {@link ToolSpecification}, {@link ResourceSpecification},
 * {@link ResourceTemplateSpecification}, {@link PromptSpecification} and {@link CompletionSpecification} beans are
 * registered, each with its bean name in its source so that a duplicate names both beans, and so are the
 * {@code @McpTool}, {@code @McpResource}, {@code @McpPrompt} and {@code @McpComplete} methods of every bean (see
 * {@link AnnotatedMethodRegistrar}).
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "mcp.server.enabled", matchIfMissing = true)
@EnableConfigurationProperties(McpServerProperties.class)
public class McpServerAutoConfiguration {

    private static final Log logger = LogFactory.getLog(McpServerAutoConfiguration.class);

    /** The length below which a request-state secret is warned of: 32 characters of Base64 are 192 bits. */
    private static final int MIN_SECRET_LENGTH = 32;

    /** Bean name of the executor MCP handlers run on. */
    public static final String HANDLER_EXECUTOR_BEAN_NAME = "mcpHandlerExecutor";

    @Bean
    @ConditionalOnMissingBean
    JsonRpcCodec mcpJsonRpcCodec(McpServerProperties properties) {
        McpServerProperties.Transport transport = properties.getTransport();
        McpServerProperties.Transport.Json json = transport.getJson();
        DataSize documentLength = json.getMaxDocumentLength() != null ? json.getMaxDocumentLength()
                : transport.getMaxBodySize();
        return new JsonRpcCodec(McpJsonMapper.create(StreamReadConstraints.builder()
            .maxNestingDepth(json.getMaxNestingDepth())
            .maxStringLength(json.getMaxStringLength())
            .maxNumberLength(json.getMaxNumberLength())
            .maxNameLength(json.getMaxNameLength())
            .maxDocumentLength(documentLength.toBytes())
            .build()));
    }

    @Bean
    @ConditionalOnMissingBean
    ToolRegistry mcpToolRegistry(ObjectProvider<ToolSpecification> toolSpecifications,
            ListableBeanFactory beanFactory) {
        ToolRegistry registry = new ToolRegistry();
        SpecificationBeans.register(toolSpecifications, beanFactory, ToolSpecification.class,
                ToolSpecification::source,
                ToolSpecification::withSource, registry::add);
        return registry;
    }

    @Bean
    @ConditionalOnMissingBean
    ResourceRegistry mcpResourceRegistry(ObjectProvider<ResourceSpecification> resourceSpecifications,
            ListableBeanFactory beanFactory) {
        ResourceRegistry registry = new ResourceRegistry();
        SpecificationBeans.register(resourceSpecifications, beanFactory, ResourceSpecification.class,
                ResourceSpecification::source,
                (spec, source) -> new ResourceSpecification(spec.resource(), spec.reader(), source), registry::add);
        return registry;
    }

    @Bean
    @ConditionalOnMissingBean
    ResourceTemplateRegistry mcpResourceTemplateRegistry(
            ObjectProvider<ResourceTemplateSpecification> templateSpecifications, ListableBeanFactory beanFactory) {
        ResourceTemplateRegistry registry = new ResourceTemplateRegistry();
        SpecificationBeans.register(templateSpecifications, beanFactory, ResourceTemplateSpecification.class,
                ResourceTemplateSpecification::source, (spec, source) -> new ResourceTemplateSpecification(
                        spec.template(), spec.uriTemplate(), spec.reader(), source),
                registry::add);
        return registry;
    }

    @Bean
    @ConditionalOnMissingBean
    PromptRegistry mcpPromptRegistry(ObjectProvider<PromptSpecification> promptSpecifications,
            ListableBeanFactory beanFactory) {
        PromptRegistry registry = new PromptRegistry();
        SpecificationBeans.register(promptSpecifications, beanFactory, PromptSpecification.class,
                PromptSpecification::source,
                (spec, source) -> new PromptSpecification(spec.prompt(), spec.handler(), source), registry::add);
        return registry;
    }

    @Bean
    @ConditionalOnMissingBean
    CompletionRegistry mcpCompletionRegistry(ObjectProvider<CompletionSpecification> completionSpecifications,
            ListableBeanFactory beanFactory) {
        CompletionRegistry registry = new CompletionRegistry();
        SpecificationBeans.register(completionSpecifications, beanFactory, CompletionSpecification.class,
                CompletionSpecification::source, (spec, source) -> new CompletionSpecification(spec.refType(),
                        spec.ref(), spec.argument(), spec.handler(), source),
                registry::add);
        return registry;
    }

    @Bean
    @ConditionalOnMissingBean
    @Lazy(false) // a lazy registrar would never run, and no annotated method would be registered
    AnnotatedMethodRegistrar mcpAnnotatedMethodRegistrar(ToolRegistry tools, ResourceRegistry resources,
            ResourceTemplateRegistry resourceTemplates, PromptRegistry prompts, CompletionRegistry completions,
            JsonRpcCodec codec) {
        return new AnnotatedMethodRegistrar(
                new ServerRegistries(tools, resources, resourceTemplates, prompts, completions), codec.mapper());
    }

    @Bean
    @ConditionalOnMissingBean
    ServerIdentity mcpServerIdentity(McpServerProperties properties, Environment environment) {
        String name = StringUtils.hasText(properties.getName()) ? properties.getName()
                : environment.getProperty("spring.application.name", "mcp-server");
        return new ServerIdentity(
                new Implementation(name, properties.getTitle(), properties.getVersion(), null, null, null),
                properties.getInstructions());
    }

    @Bean
    @ConditionalOnMissingBean
    ElicitationSchemaGenerator mcpElicitationSchemaGenerator(JsonRpcCodec codec) {
        return new ElicitationSchemas(codec.mapper());
    }

    @Bean
    @ConditionalOnMissingBean
    McpServer mcpServer(ServerIdentity identity, ToolRegistry tools, ResourceRegistry resources,
            ResourceTemplateRegistry resourceTemplates, PromptRegistry prompts, CompletionRegistry completions,
            SessionManager sessions, JsonRpcCodec codec, ElicitationSchemaGenerator elicitationSchemas,
            McpServerProperties properties, ObjectProvider<GrantedScopes> grantedScopes,
            ObjectProvider<McpRequestObserver> observer, ObjectProvider<TaskStore> taskStore,
            @Qualifier(HANDLER_EXECUTOR_BEAN_NAME) Executor handlerExecutor,
            @McpTaskDecorator ObjectProvider<TaskDecorator> taskDecorators, ApplicationEventPublisher events) {
        McpServerProperties.Peer peer = properties.getPeer();
        ServerRegistries registries = new ServerRegistries(tools, resources, resourceTemplates, prompts, completions);
        return new McpServer(identity, registries, sessions, codec, properties.getPageSize(),
                new SubscriptionLimits(properties.getSession().getMaxSubscriptions(),
                        properties.getSession().getMaxListenStreams()),
                new PeerSettings(peer.getSamplingTimeout(), peer.getElicitationTimeout(), peer.getRequestTimeout()),
                elicitationSchemas, grantedScopes.getIfUnique(() -> GrantedScopes.NONE), modernSettings(properties),
                observer.getIfUnique(() -> McpRequestObserver.NONE), events::publishEvent,
                taskSettings(properties, taskStore.getIfAvailable(), handlerExecutor, taskDecorators));
    }

    /** Tasks run on the handler executor, decorated as the servlet decorates handlers; none when disabled. */
    private static @Nullable TaskSettings taskSettings(McpServerProperties properties, @Nullable TaskStore store,
            Executor executor, ObjectProvider<TaskDecorator> taskDecorators) {
        McpServerProperties.Tasks tasks = properties.getTasks();
        if (!tasks.isEnabled() || store == null) {
            return null;
        }
        return new TaskSettings(store, McpTaskDecorators.decorate(executor, taskDecorators.orderedStream().toList()),
                tasks.getTtl(), tasks.getMaxTtl(), tasks.getPollInterval(), tasks.getMaxRunningPerRequestor());
    }

    /**
     * The in-memory task store, bounded by {@code mcp.server.tasks.max-tasks}; with
     * {@code mcp.server.session.store=redis} the Redis configuration defines a Redis one instead.
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = "mcp.server.tasks.enabled", matchIfMissing = true)
    TaskStore mcpTaskStore(McpServerProperties properties) {
        return new InMemoryTaskStore(properties.getTasks().getMaxTasks());
    }

    private static ModernSettings modernSettings(McpServerProperties properties) {
        ProtocolVersions versions = ProtocolVersions.of(properties.getProtocolVersions());
        String secret = properties.getRequestState().getSecret();
        RequestStateSealer sealer;
        if (StringUtils.hasText(secret)) {
            sealer = RequestStateSealer.withSecret(secret);
            if (secret.length() < MIN_SECRET_LENGTH) { // a short secret can be guessed, and the state forged with it
                logger.warn("mcp.server.request-state.secret has " + secret.length() + " characters: use a long "
                        + "random value (at least " + MIN_SECRET_LENGTH + " characters, e.g. `openssl rand -base64 "
                        + "32`), or anyone who guesses it can forge the requestState of multi round-trip requests");
            }
        }
        else {
            sealer = RequestStateSealer.withRandomKey();
            // over stdio the one process is the whole server: its own random key is all it needs
            boolean stdio = properties.getTransport().getType() == McpServerProperties.Transport.Type.STDIO;
            if (versions.hasModern() && !stdio) {
                logger.warn("mcp.server.request-state.secret is not set: the requestState of multi round-trip "
                        + "requests (2026-07-28) is sealed with a random key of this process. Several instances "
                        + "behind one address must share one secret, or a client's retry fails on another instance.");
            }
        }
        McpServerProperties.Caching caching = properties.getCaching();
        // half the body limit: the state travels back in a request beside its params and the client's answers
        long stateLimit = properties.getTransport().getMaxBodySize().toBytes() / 2;
        return new ModernSettings(versions, sealer, properties.getRequestState().getTtl(),
                (int) Math.min(Integer.MAX_VALUE, stateLimit), new ModernSettings.CachingHints(caching.getListTtl(),
                        caching.getListScope(), caching.getReadTtl(), caching.getReadScope()));
    }

    @Bean
    @ConditionalOnMissingBean
    McpStartupReport mcpStartupReport(McpServerProperties properties, ServerIdentity identity, ToolRegistry tools,
            ResourceRegistry resources, ResourceTemplateRegistry templates, PromptRegistry prompts,
            Environment environment) {
        // the path a client calls: the endpoint within the servlet context's path
        String transport = properties.getTransport().getType() == McpServerProperties.Transport.Type.STDIO ? "stdio"
                : "Streamable HTTP at " + environment.getProperty("server.servlet.context-path", "")
                        + properties.getEndpoint();
        return new McpStartupReport(identity, transport,
                ProtocolVersions.of(properties.getProtocolVersions()).newestFirst(), tools, resources, templates,
                prompts);
    }

    @Bean
    SpringAiPropertiesWarning mcpSpringAiPropertiesWarning(Environment environment) {
        return new SpringAiPropertiesWarning(environment);
    }

    @Bean
    @ConditionalOnMissingBean
    McpPeers mcpPeers(McpServer server) {
        return server.peers();
    }

    @Bean
    @ConditionalOnMissingBean
    ResourceUpdates mcpResourceUpdates(SessionManager sessions, JsonRpcCodec codec, McpServer server) {
        return new SubscriberResourceUpdates(sessions, codec, server.subscriptions());
    }

    @Bean
    @ConditionalOnMissingBean
    EventStore mcpEventStore(McpServerProperties properties) {
        McpServerProperties.Sse.EventStore store = properties.getSse().getEventStore();
        return new InMemoryEventStore(store.getMaxEventsPerStream(), store.getTtl(), store.getMaxStreamsPerSession());
    }

    @Bean
    @ConditionalOnMissingBean
    SessionManager mcpSessionManager(McpServerProperties properties, EventStore eventStore) {
        McpServerProperties.Session session = properties.getSession();
        if (session.getStore() == McpServerProperties.Session.Store.REDIS) { // else the Redis configuration took over
            throw new IllegalStateException("mcp.server.session.store=redis needs Spring Data Redis: add the "
                    + "dependency org.springframework.boot:spring-boot-starter-data-redis");
        }
        return new InMemorySessionManager(session.getTimeout(), session.getMaxSessions(),
                session.getMaxQueuedMessages(), eventStore, session.isEvictIdleOnLimit());
    }

    /**
     * Virtual threads where the JVM has them, unless {@code spring.threads.virtual.enabled=false} says otherwise
     * (then, as on Java 17, the bounded pool of {@code mcp.server.executor.*}).
     */
    @Bean(name = HANDLER_EXECUTOR_BEAN_NAME, destroyMethod = "shutdownNow")
    @ConditionalOnMissingBean(name = HANDLER_EXECUTOR_BEAN_NAME)
    ExecutorService mcpHandlerExecutor(McpServerProperties properties, Environment environment) {
        boolean virtualThreads = environment.getProperty("spring.threads.virtual.enabled", Boolean.class, true);
        return HandlerExecutors.create(properties.getExecutor().getMaxThreads(),
                properties.getExecutor().getQueueCapacity(), virtualThreads);
    }

    /**
     * The grace period is {@code spring.lifecycle.timeout-per-shutdown-phase} (30s by default) unless
     * {@code server.shutdown=immediate}, which closes the sessions at once.
     */
    @Bean
    @ConditionalOnMissingBean
    McpGracefulShutdown mcpGracefulShutdown(McpServer server, SessionManager sessions, Environment environment) {
        Binder binder = Binder.get(environment);
        boolean immediate = binder.bind("server.shutdown", String.class)
            .map(value -> value.trim().equalsIgnoreCase("immediate"))
            .orElse(false);
        Duration phase = binder.bind("spring.lifecycle.timeout-per-shutdown-phase", Duration.class)
            .orElse(Duration.ofSeconds(30));
        return new McpGracefulShutdown(server, sessions, immediate ? Duration.ZERO : McpGracefulShutdown.graceOf(phase));
    }
}
