package dev.mcpspring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import dev.mcpspring.protocol.McpJsonMapper;
import dev.mcpspring.protocol.ProtocolVersion;
import dev.mcpspring.transport.internal.TransportSettings;

/**
 * Settings of the MCP server, bound to {@code mcp.server.*}.
 */
@ConfigurationProperties(prefix = "mcp.server")
public class McpServerProperties {

    /** Whether to expose the MCP server at all. */
    private boolean enabled = true;

    /** Programmatic server name sent as serverInfo.name; defaults to spring.application.name, else "mcp-server". */
    private @Nullable String name;

    /** Display name sent as serverInfo.title. */
    private @Nullable String title;

    /** Server version sent as serverInfo.version. */
    private String version = "1.0.0";

    /** Instructions sent in the initialize result: hints for the model on how to use this server. */
    private @Nullable String instructions;

    /** Path of the Streamable HTTP endpoint. */
    private String endpoint = "/mcp";

    /** Maximum number of items in one page of a list result (tools/list and the other list methods). */
    private int pageSize = 100;

    /**
     * Protocol revisions the endpoint speaks: the legacy ones (sessions started by initialize: 2025-03-26,
     * 2025-06-18, 2025-11-25) and the modern, stateless 2026-07-28. All of them by default.
     */
    private List<String> protocolVersions = new ArrayList<>(ProtocolVersion.SUPPORTED);

    private final RequestState requestState = new RequestState();

    private final Caching caching = new Caching();

    private final Session session = new Session();

    private final Transport transport = new Transport();

    private final Security security = new Security();

    private final Sse sse = new Sse();

    private final Executor executor = new Executor();

    private final Peer peer = new Peer();

    private final Tasks tasks = new Tasks();

    private final Authorization authorization = new Authorization();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public @Nullable String getName() {
        return name;
    }

    public void setName(@Nullable String name) {
        this.name = name;
    }

    public @Nullable String getTitle() {
        return title;
    }

    public void setTitle(@Nullable String title) {
        this.title = title;
    }

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public @Nullable String getInstructions() {
        return instructions;
    }

    public void setInstructions(@Nullable String instructions) {
        this.instructions = instructions;
    }

    public String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    public int getPageSize() {
        return pageSize;
    }

    public void setPageSize(int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("mcp.server.page-size must be at least 1, but was " + pageSize);
        }
        this.pageSize = pageSize;
    }

    public List<String> getProtocolVersions() {
        return protocolVersions;
    }

    public void setProtocolVersions(List<String> protocolVersions) {
        this.protocolVersions = protocolVersions;
    }

    public RequestState getRequestState() {
        return requestState;
    }

    public Caching getCaching() {
        return caching;
    }

    public Session getSession() {
        return session;
    }

    public Transport getTransport() {
        return transport;
    }

    public Security getSecurity() {
        return security;
    }

    public Sse getSse() {
        return sse;
    }

    public Executor getExecutor() {
        return executor;
    }

    public Peer getPeer() {
        return peer;
    }

    public Tasks getTasks() {
        return tasks;
    }

    public Authorization getAuthorization() {
        return authorization;
    }

    /**
     * The sealed {@code requestState} of multi round-trip requests (2026-07-28), {@code mcp.server.request-state.*}.
     */
    public static class RequestState {

        /**
         * Secret the request-state key is derived from (AES-256-GCM); use a long random value, the same on every
         * instance behind one address. Unset: a random key per process, so a retry must reach the same instance.
         */
        private @Nullable String secret;

        /** How long after it was issued a requestState is accepted. */
        private Duration ttl = Duration.ofMinutes(10);

        public @Nullable String getSecret() {
            return secret;
        }

        public void setSecret(@Nullable String secret) {
            this.secret = secret;
        }

        public Duration getTtl() {
            return ttl;
        }

        public void setTtl(Duration ttl) {
            this.ttl = ttl;
        }
    }

    /**
     * Long-running tools as tasks (the tasks extension of 2026-07-28, the experimental tasks of 2025-11-25),
     * {@code mcp.server.tasks.*}.
     */
    public static class Tasks {

        /** Whether tools may run as tasks; false: every call is answered with the tool's result. */
        private boolean enabled = true;

        /** How long a task and its result are kept after it was created, whatever its status. */
        private Duration ttl = Duration.ofHours(1);

        /** The longest time-to-live a 2025-11-25 client may ask for with task.ttl. */
        private Duration maxTtl = Duration.ofHours(24);

        /** How often clients are asked to poll a task (pollIntervalMs). */
        private Duration pollInterval = Duration.ofSeconds(1);

        /** How many tasks the in-memory store holds at most, finished ones included until they expire. */
        private int maxTasks = 10_000;

        /**
         * How many tasks of one requestor may be working or waiting for input at once on an instance: an
         * authenticated principal, else a 2025 session; anonymous 2026-07-28 clients count as one requestor.
         */
        private int maxRunningPerRequestor = 32;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getTtl() {
            return ttl;
        }

        public void setTtl(Duration ttl) {
            this.ttl = ttl;
        }

        public Duration getMaxTtl() {
            return maxTtl;
        }

        public void setMaxTtl(Duration maxTtl) {
            this.maxTtl = maxTtl;
        }

        public Duration getPollInterval() {
            return pollInterval;
        }

        public void setPollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
        }

        public int getMaxRunningPerRequestor() {
            return maxRunningPerRequestor;
        }

        public void setMaxRunningPerRequestor(int maxRunningPerRequestor) {
            this.maxRunningPerRequestor = maxRunningPerRequestor;
        }

        public int getMaxTasks() {
            return maxTasks;
        }

        public void setMaxTasks(int maxTasks) {
            this.maxTasks = maxTasks;
        }
    }

    /**
     * Caching hints ({@code ttlMs}, {@code cacheScope}) on the results 2026-07-28 makes cacheable,
     * {@code mcp.server.caching.*}.
     */
    public static class Caching {

        /** How long clients may reuse server/discover and the list results (tools, prompts, resources). */
        private Duration listTtl = Duration.ZERO;

        /** Who may share cached list results: public (any caller) or private (one authorization context). */
        private String listScope = "public";

        /** How long clients may reuse a resources/read result. */
        private Duration readTtl = Duration.ZERO;

        /** Who may share cached resources/read results: public or private. */
        private String readScope = "private";

        public Duration getListTtl() {
            return listTtl;
        }

        public void setListTtl(Duration listTtl) {
            this.listTtl = listTtl;
        }

        public String getListScope() {
            return listScope;
        }

        public void setListScope(String listScope) {
            this.listScope = listScope;
        }

        public Duration getReadTtl() {
            return readTtl;
        }

        public void setReadTtl(Duration readTtl) {
            this.readTtl = readTtl;
        }

        public String getReadScope() {
            return readScope;
        }

        public void setReadScope(String readScope) {
            this.readScope = readScope;
        }
    }

    /** Default time-outs of calls from the server to the client ({@code mcp.server.peer.*}). */
    public static class Peer {

        /** How long to wait for the client's model to answer sampling/createMessage. */
        private Duration samplingTimeout = Duration.ofMinutes(5);

        /** How long to wait for the user to answer elicitation/create; long, since a person answers. */
        private Duration elicitationTimeout = Duration.ofMinutes(10);

        /** How long to wait for the client to answer any other request (roots/list, ping). */
        private Duration requestTimeout = Duration.ofSeconds(30);

        public Duration getSamplingTimeout() {
            return samplingTimeout;
        }

        public void setSamplingTimeout(Duration samplingTimeout) {
            this.samplingTimeout = samplingTimeout;
        }

        public Duration getElicitationTimeout() {
            return elicitationTimeout;
        }

        public void setElicitationTimeout(Duration elicitationTimeout) {
            this.elicitationTimeout = elicitationTimeout;
        }

        public Duration getRequestTimeout() {
            return requestTimeout;
        }

        public void setRequestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
        }
    }

    /** Session settings ({@code mcp.server.session.*}). */
    public static class Session {

        /** How long a session may stay idle (no request in flight, no open stream) before it expires. */
        private Duration timeout = Duration.ofMinutes(30);

        /** Maximum number of live sessions; an initialize beyond it is answered 503. */
        private int maxSessions = 10_000;

        /** Stateless mode: no session ids, every POST stands alone and GET/DELETE answer 405. */
        private boolean stateless;

        /** Messages kept for a session while it has no open GET stream; the oldest is dropped beyond it. */
        private int maxQueuedMessages = 1_000;

        /**
         * Resources one session (resources/subscribe), or one 2026-07-28 subscriptions/listen stream, may be subscribed
         * to at once.
         */
        private int maxSubscriptions = 1_000;

        /** 2026-07-28 subscriptions/listen streams open at once; one more is refused. */
        private int maxListenStreams = 10_000;

        /**
         * When max-sessions is reached, close the least recently active idle session (no request in flight, no
         * open stream) to make room for the new one instead of answering 503.
         */
        private boolean evictIdleOnLimit;

        /**
         * Where sessions live: {@code memory} (this instance only) or {@code redis} (shared by every instance that
         * uses the same Redis, through Spring Data Redis; needs spring-boot-starter-data-redis).
         */
        private Store store = Store.MEMORY;

        private final Redis redis = new Redis();

        public Store getStore() {
            return store;
        }

        public void setStore(Store store) {
            this.store = store;
        }

        public Redis getRedis() {
            return redis;
        }

        public boolean isEvictIdleOnLimit() {
            return evictIdleOnLimit;
        }

        public void setEvictIdleOnLimit(boolean evictIdleOnLimit) {
            this.evictIdleOnLimit = evictIdleOnLimit;
        }

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        public int getMaxSessions() {
            return maxSessions;
        }

        public void setMaxSessions(int maxSessions) {
            this.maxSessions = maxSessions;
        }

        public boolean isStateless() {
            return stateless;
        }

        public void setStateless(boolean stateless) {
            this.stateless = stateless;
        }

        public int getMaxSubscriptions() {
            return maxSubscriptions;
        }

        public void setMaxSubscriptions(int maxSubscriptions) {
            this.maxSubscriptions = maxSubscriptions;
        }

        public int getMaxListenStreams() {
            return maxListenStreams;
        }

        public void setMaxListenStreams(int maxListenStreams) {
            this.maxListenStreams = maxListenStreams;
        }

        public int getMaxQueuedMessages() {
            return maxQueuedMessages;
        }

        public void setMaxQueuedMessages(int maxQueuedMessages) {
            this.maxQueuedMessages = maxQueuedMessages;
        }

        /** Where sessions live. */
        public enum Store {

            /** In this instance's memory: every request of a session must reach this instance. */
            MEMORY,

            /** In Redis: any instance serves any request of any session. */
            REDIS
        }

        /** Settings of sessions kept in Redis ({@code mcp.server.session.redis.*}). */
        public static class Redis {

            /** Prefix of every Redis key and channel; instances that share sessions must use the same one. */
            private String keyPrefix = "mcp:";

            /**
             * How often an instance renews what it holds in Redis (its liveness, its open streams, the requests it
             * runs); an instance silent for three intervals counts as gone, and other instances take over.
             */
            private Duration heartbeat = Duration.ofSeconds(2);

            /**
             * While Redis is unreachable, have Lettuce reject commands at once instead of queueing them until it
             * reconnects, so requests are answered 503 without waiting for the command time-out. Applies to the
             * application's whole Lettuce client.
             */
            private boolean failFast = true;

            public boolean isFailFast() {
                return failFast;
            }

            public void setFailFast(boolean failFast) {
                this.failFast = failFast;
            }

            public String getKeyPrefix() {
                return keyPrefix;
            }

            public void setKeyPrefix(String keyPrefix) {
                this.keyPrefix = keyPrefix;
            }

            public Duration getHeartbeat() {
                return heartbeat;
            }

            public void setHeartbeat(Duration heartbeat) {
                this.heartbeat = heartbeat;
            }
        }
    }

    /** Transport settings ({@code mcp.server.transport.*}). */
    public static class Transport {

        /** How clients reach the server. */
        private Type type = Type.STREAMABLE_HTTP;

        /**
         * Largest message accepted: a POST body over Streamable HTTP (a larger one is answered 413), a line over
         * stdio (a longer one is skipped and answered with -32600).
         */
        private DataSize maxBodySize = DataSize.ofMegabytes(4);

        public Type getType() {
            return type;
        }

        public void setType(Type type) {
            this.type = type;
        }

        /** Interval of the comment lines that keep idle SSE streams open through proxies; 0 turns them off. */
        private Duration keepAliveInterval = Duration.ofSeconds(15);

        public DataSize getMaxBodySize() {
            return maxBodySize;
        }

        public void setMaxBodySize(DataSize maxBodySize) {
            this.maxBodySize = maxBodySize;
        }

        public Duration getKeepAliveInterval() {
            return keepAliveInterval;
        }

        public void setKeepAliveInterval(Duration keepAliveInterval) {
            this.keepAliveInterval = keepAliveInterval;
        }

        private final Json json = new Json();

        public Json getJson() {
            return json;
        }

        /** The transports the server speaks. */
        public enum Type {

            /** Streamable HTTP at {@code mcp.server.endpoint} of the application's servlet web server. */
            STREAMABLE_HTTP,

            /**
             * Newline-delimited JSON-RPC over the process's standard input and output, for clients that start the
             * server as a child process: no web server, the banner off, every log line on standard error.
             */
            STDIO
        }

        /**
         * Limits on the JSON the server reads ({@code mcp.server.transport.json.*}), enforced while parsing
         * (Jackson {@code StreamReadConstraints}); a body that breaks one is answered 400 with JSON-RPC -32600.
         */
        public static class Json {

            /** Deepest nesting of arrays and objects. */
            private int maxNestingDepth = McpJsonMapper.DEFAULT_MAX_NESTING_DEPTH;

            /** Longest string value, in characters. */
            private int maxStringLength = McpJsonMapper.DEFAULT_MAX_STRING_LENGTH;

            /** Longest number, in characters. */
            private int maxNumberLength = McpJsonMapper.DEFAULT_MAX_NUMBER_LENGTH;

            /** Longest property name, in characters. */
            private int maxNameLength = McpJsonMapper.DEFAULT_MAX_NAME_LENGTH;

            /** Longest JSON document; unset means the same as {@code mcp.server.transport.max-body-size}. */
            private @Nullable DataSize maxDocumentLength;

            public int getMaxNestingDepth() {
                return maxNestingDepth;
            }

            public void setMaxNestingDepth(int maxNestingDepth) {
                this.maxNestingDepth = maxNestingDepth;
            }

            public int getMaxStringLength() {
                return maxStringLength;
            }

            public void setMaxStringLength(int maxStringLength) {
                this.maxStringLength = maxStringLength;
            }

            public int getMaxNumberLength() {
                return maxNumberLength;
            }

            public void setMaxNumberLength(int maxNumberLength) {
                this.maxNumberLength = maxNumberLength;
            }

            public int getMaxNameLength() {
                return maxNameLength;
            }

            public void setMaxNameLength(int maxNameLength) {
                this.maxNameLength = maxNameLength;
            }

            public @Nullable DataSize getMaxDocumentLength() {
                return maxDocumentLength;
            }

            public void setMaxDocumentLength(@Nullable DataSize maxDocumentLength) {
                this.maxDocumentLength = maxDocumentLength;
            }
        }
    }

    /**
     * Security settings ({@code mcp.server.security.*}): DNS-rebinding protection, on by default. A request whose
     * Host or Origin is not allowed is answered 403.
     */
    public static class Security {

        /**
         * Origins (scheme://host[:port], matched exactly) allowed to call the endpoint besides loopback origins on
         * any port; "*" allows every origin. Requests without an Origin header are always allowed.
         */
        private List<String> allowedOrigins = new ArrayList<>();

        /**
         * Host header values allowed besides localhost, 127.0.0.1 and [::1] on any port: "name" allows every port,
         * "name:port" only that one; "*" allows every host. List the names the server is reached by when it is not
         * only used locally.
         */
        private List<String> allowedHosts = new ArrayList<>();

        /**
         * Check X-Forwarded-Host instead of Host when present. Only for servers reached exclusively through a
         * reverse proxy that sets (or strips) that header; otherwise a client could choose the host checked.
         */
        private boolean trustForwardedHost;

        private final Cors cors = new Cors();

        public List<String> getAllowedOrigins() {
            return allowedOrigins;
        }

        public void setAllowedOrigins(List<String> allowedOrigins) {
            this.allowedOrigins = allowedOrigins;
        }

        public List<String> getAllowedHosts() {
            return allowedHosts;
        }

        public void setAllowedHosts(List<String> allowedHosts) {
            this.allowedHosts = allowedHosts;
        }

        public boolean isTrustForwardedHost() {
            return trustForwardedHost;
        }

        public void setTrustForwardedHost(boolean trustForwardedHost) {
            this.trustForwardedHost = trustForwardedHost;
        }

        public Cors getCors() {
            return cors;
        }

        /**
         * CORS for browser-based clients ({@code mcp.server.security.cors.*}): the endpoint answers preflight
         * requests and lets scripts of the allowed origins (loopback ones and {@code allowed-origins}) read its
         * answers, {@code Mcp-Session-Id} and {@code WWW-Authenticate} included. No credentials (cookies) are
         * allowed: MCP clients authenticate with a bearer token.
         */
        public static class Cors {

            /**
             * Answer CORS preflight requests and add CORS headers for the allowed origins. Turn it off to configure
             * CORS for the endpoint yourself, for example with Spring Security's cors().
             */
            private boolean enabled = true;

            /** How long a browser may cache the answer to a preflight request. */
            private Duration maxAge = Duration.ofMinutes(30);

            public boolean isEnabled() {
                return enabled;
            }

            public void setEnabled(boolean enabled) {
                this.enabled = enabled;
            }

            public Duration getMaxAge() {
                return maxAge;
            }

            public void setMaxAge(Duration maxAge) {
                if (maxAge == null || maxAge.isNegative()) {
                    throw new IllegalArgumentException(
                            "mcp.server.security.cors.max-age must not be negative, but was " + maxAge);
                }
                this.maxAge = maxAge;
            }
        }
    }

    /** Resumable SSE streams, SEP-1699 ({@code mcp.server.sse.*}). */
    public static class Sse {

        /**
         * Reconnection delay sent as the "retry" field of the priming event that opens every SSE stream of a
         * 2025-11-25 (or later) session; 0 sends none.
         */
        private Duration retry = Duration.ofSeconds(1);

        /**
         * Polling mode: close the connection of every request's SSE stream right after its priming event; the
         * client collects notifications and the result with GET and Last-Event-ID after the retry delay. Only
         * for 2025-11-25 (or later) sessions; a tool can do this for its own request with
         * McpRequestContext.closeSseStream().
         */
        private boolean polling;

        /**
         * How far an SSE client may fall behind (events queued for its connection, in bytes) before it is
         * disconnected; it can resume the stream with Last-Event-ID. One event larger than this is still sent when
         * nothing else waits.
         */
        private DataSize maxBufferedSize = DataSize.ofBytes(TransportSettings.DEFAULT_SSE_MAX_BUFFERED_BYTES);

        private final EventStore eventStore = new EventStore();

        public Duration getRetry() {
            return retry;
        }

        public void setRetry(Duration retry) {
            if (retry == null || retry.isNegative()) {
                throw new IllegalArgumentException("mcp.server.sse.retry must not be negative, but was " + retry);
            }
            this.retry = retry;
        }

        public boolean isPolling() {
            return polling;
        }

        public void setPolling(boolean polling) {
            this.polling = polling;
        }

        public DataSize getMaxBufferedSize() {
            return maxBufferedSize;
        }

        public void setMaxBufferedSize(DataSize maxBufferedSize) {
            if (maxBufferedSize == null || maxBufferedSize.toBytes() < 1) {
                throw new IllegalArgumentException(
                        "mcp.server.sse.max-buffered-size must be positive, but was " + maxBufferedSize);
            }
            this.maxBufferedSize = maxBufferedSize;
        }

        public EventStore getEventStore() {
            return eventStore;
        }

        /** The in-memory store that keeps sent events for resumption ({@code mcp.server.sse.event-store.*}). */
        public static class EventStore {

            /** Events kept per stream; the oldest are dropped beyond it. */
            private int maxEventsPerStream = 1_000;

            /** How long an event is kept for a client that resumes its stream. */
            private Duration ttl = Duration.ofMinutes(5);

            /** Streams kept per session; the one idle longest (ended streams first) is dropped beyond it. */
            private int maxStreamsPerSession = 64;

            public int getMaxEventsPerStream() {
                return maxEventsPerStream;
            }

            public void setMaxEventsPerStream(int maxEventsPerStream) {
                if (maxEventsPerStream < 1) {
                    throw new IllegalArgumentException(
                            "mcp.server.sse.event-store.max-events-per-stream must be at least 1, but was "
                                    + maxEventsPerStream);
                }
                this.maxEventsPerStream = maxEventsPerStream;
            }

            public Duration getTtl() {
                return ttl;
            }

            public void setTtl(Duration ttl) {
                if (ttl == null || ttl.isNegative() || ttl.isZero()) {
                    throw new IllegalArgumentException(
                            "mcp.server.sse.event-store.ttl must be positive, but was " + ttl);
                }
                this.ttl = ttl;
            }

            public int getMaxStreamsPerSession() {
                return maxStreamsPerSession;
            }

            public void setMaxStreamsPerSession(int maxStreamsPerSession) {
                if (maxStreamsPerSession < 1) {
                    throw new IllegalArgumentException(
                            "mcp.server.sse.event-store.max-streams-per-session must be at least 1, but was "
                                    + maxStreamsPerSession);
                }
                this.maxStreamsPerSession = maxStreamsPerSession;
            }
        }
    }

    /**
     * Handler executor settings ({@code mcp.server.executor.*}). The pool settings apply when the JVM has no virtual
     * threads.
     */
    public static class Executor {

        /** Platform threads that run handlers when virtual threads are not available (Java 17 to 20). */
        private int maxThreads = 200;

        /** Handler tasks that may wait for one of those threads before requests are answered 503. */
        private int queueCapacity = 10_000;

        /**
         * Whether a handler runs with the context of the request thread that submitted it: the Spring Security
         * context, the SLF4J MDC and, with Micrometer context-propagation, every registered ThreadLocalAccessor
         * (such as the current Observation). Decorators the application declares with @McpTaskDecorator apply
         * either way.
         */
        private boolean propagateContext = true;

        public int getMaxThreads() {
            return maxThreads;
        }

        public void setMaxThreads(int maxThreads) {
            this.maxThreads = maxThreads;
        }

        public int getQueueCapacity() {
            return queueCapacity;
        }

        public void setQueueCapacity(int queueCapacity) {
            this.queueCapacity = queueCapacity;
        }

        public boolean isPropagateContext() {
            return propagateContext;
        }

        public void setPropagateContext(boolean propagateContext) {
            this.propagateContext = propagateContext;
        }
    }

    /**
     * OAuth 2.0 authorization of the endpoint ({@code mcp.server.authorization.*}): the Protected Resource Metadata
     * (RFC 9728) the server publishes, and the checks of bearer tokens when Spring Security's OAuth2 resource server
     * is configured (a {@code JwtDecoder} bean).
     */
    public static class Authorization {

        /**
         * Whether the starter secures the endpoint with its own security filter chain when a JwtDecoder bean exists
         * and the application declares no SecurityFilterChain.
         */
        private boolean enabled = true;

        /**
         * The canonical URI of this MCP server (RFC 8707), for example https://mcp.example.com/mcp: the "resource" of
         * the metadata, the base of the metadata URL, and the audience tokens must be issued for. Setting it
         * publishes the metadata; it is required when the starter secures the endpoint.
         */
        private @Nullable String resource;

        /**
         * Issuer URLs of the authorization servers that issue tokens for this server; defaults to
         * spring.security.oauth2.resourceserver.jwt.issuer-uri.
         */
        private List<String> authorizationServers = new ArrayList<>();

        /** Scopes a client should request for basic use ("scopes_supported"); defaults to required-scopes. */
        private List<String> scopesSupported = new ArrayList<>();

        /**
         * Scopes every request to the endpoint needs; a token without them gets 403 insufficient_scope. They are the
         * "scope" of the 401 challenge (else scopes-supported).
         */
        private List<String> requiredScopes = new ArrayList<>();

        /** Token audiences ("aud") accepted; defaults to the resource alone. */
        private List<String> audiences = new ArrayList<>();

        /** Human-readable name of this server in the metadata ("resource_name"). */
        private @Nullable String resourceName;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public @Nullable String getResource() {
            return resource;
        }

        public void setResource(@Nullable String resource) {
            this.resource = resource;
        }

        public List<String> getAuthorizationServers() {
            return authorizationServers;
        }

        public void setAuthorizationServers(List<String> authorizationServers) {
            this.authorizationServers = authorizationServers;
        }

        public List<String> getScopesSupported() {
            return scopesSupported;
        }

        public void setScopesSupported(List<String> scopesSupported) {
            this.scopesSupported = scopesSupported;
        }

        public List<String> getRequiredScopes() {
            return requiredScopes;
        }

        public void setRequiredScopes(List<String> requiredScopes) {
            this.requiredScopes = requiredScopes;
        }

        public List<String> getAudiences() {
            return audiences;
        }

        public void setAudiences(List<String> audiences) {
            this.audiences = audiences;
        }

        public @Nullable String getResourceName() {
            return resourceName;
        }

        public void setResourceName(@Nullable String resourceName) {
            this.resourceName = resourceName;
        }
    }
}
