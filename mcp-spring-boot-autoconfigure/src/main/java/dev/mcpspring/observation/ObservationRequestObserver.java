package dev.mcpspring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import dev.mcpspring.protocol.JsonRpcError;
import dev.mcpspring.protocol.McpException;
import dev.mcpspring.protocol.McpMethods;
import dev.mcpspring.server.McpMessageContext;
import dev.mcpspring.server.McpRequestContext;
import dev.mcpspring.server.McpRequestObserver;
import dev.mcpspring.server.OrderedRegistry;
import dev.mcpspring.server.PromptRegistry;
import dev.mcpspring.server.ToolRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Micrometer implementation of {@link McpRequestObserver}: an observation of every request and notification
 * received ({@link McpObservationDocumentation#SERVER_OPERATION}, made current on the thread that handles it, so
 * the handler runs in it: with Micrometer Tracing, in a SERVER span that continues the client's trace from the
 * message's {@code _meta}, with the trace and span ids in the logging MDC) and of every request sent to a client
 * ({@link McpObservationDocumentation#CLIENT_OPERATION}, a child of the current observation, the tool's, whose
 * trace context goes into the request's {@code _meta}). Named and tagged by the given conventions, or else by
 * {@link DefaultMcpServerObservationConvention} and {@link DefaultMcpClientObservationConvention}. Costs nothing
 * when the registry is the no-op one.
 */
public class ObservationRequestObserver implements McpRequestObserver {

    /** The name of the server observation under the default convention. */
    public static final String NAME = DefaultMcpServerObservationConvention.NAME;

    private static final McpServerObservationConvention DEFAULT_SERVER = new DefaultMcpServerObservationConvention();

    private static final McpClientObservationConvention DEFAULT_CLIENT = new DefaultMcpClientObservationConvention();

    private final ObservationRegistry registry;

    private final @Nullable McpServerObservationConvention serverConvention;

    private final @Nullable McpClientObservationConvention clientConvention;

    private final @Nullable ToolRegistry tools;

    private final @Nullable PromptRegistry prompts;

    public ObservationRequestObserver(ObservationRegistry registry) {
        this(registry, null, null);
    }

    /**
     * An observer that takes every tool and prompt a message names for one the server offers.
     *
     * @param registry         where the observations go
     * @param serverConvention names and tags the server observations, {@code null} for the default
     * @param clientConvention names and tags the client observations, {@code null} for the default
     */
    public ObservationRequestObserver(ObservationRegistry registry,
            @Nullable McpServerObservationConvention serverConvention,
            @Nullable McpClientObservationConvention clientConvention) {
        this(registry, serverConvention, clientConvention, null, null);
    }

    /**
     * @param registry         where the observations go
     * @param serverConvention names and tags the server observations, {@code null} for the default
     * @param clientConvention names and tags the client observations, {@code null} for the default
     * @param tools            the server's tools, to tell a call of one of them from a name the client made up
     *                         ({@link McpServerObservationContext#isTargetKnown()}); {@code null}: every name counts
     * @param prompts          the server's prompts, likewise
     */
    public ObservationRequestObserver(ObservationRegistry registry,
            @Nullable McpServerObservationConvention serverConvention,
            @Nullable McpClientObservationConvention clientConvention, @Nullable ToolRegistry tools,
            @Nullable PromptRegistry prompts) {
        this.registry = registry;
        this.serverConvention = serverConvention;
        this.clientConvention = clientConvention;
        this.tools = tools;
        this.prompts = prompts;
    }

    @Override
    public Scope start(McpRequestContext request) {
        return startServer(request);
    }

    @Override
    public Scope startNotification(McpMessageContext notification) {
        return startServer(notification);
    }

    private Scope startServer(McpMessageContext message) {
        if (registry.isNoop()) {
            return Scope.NONE;
        }
        McpServerObservationContext context = new McpServerObservationContext(message, isTargetKnown(message));
        Observation observation = McpObservationDocumentation.SERVER_OPERATION
            .observation(serverConvention, DEFAULT_SERVER, () -> context, registry)
            .start();
        return new ServerScope(observation, observation.openScope(), context);
    }

    /** Whether the tool or prompt the message names, if any, is one the server offers. */
    private boolean isTargetKnown(McpMessageContext message) {
        OrderedRegistry<?> offered = switch (message.method()) {
            case McpMethods.TOOLS_CALL -> tools;
            case McpMethods.PROMPTS_GET -> prompts;
            default -> null;
        };
        return offered == null || offered.find(ObservedMessages.name(message)).isPresent();
    }

    @Override
    public Scope startClientRequest(McpMessageContext request) {
        if (registry.isNoop()) {
            return Scope.NONE;
        }
        McpClientObservationContext context = new McpClientObservationContext(request);
        JsonNode params = request.params();
        ObjectNode meta;
        boolean added = false;
        if (params instanceof ObjectNode object) {
            if (object.get("_meta") instanceof ObjectNode existing) {
                meta = existing;
            }
            else {
                meta = object.putObject("_meta");
                added = true;
            }
        }
        else {
            meta = JsonNodeFactory.instance.objectNode(); // nowhere to carry the trace context
        }
        context.setCarrier(meta);
        Observation observation = McpObservationDocumentation.CLIENT_OPERATION
            .observation(clientConvention, DEFAULT_CLIENT, () -> context, registry)
            .start();
        if (added && meta.isEmpty()) { // nothing was injected: send the params as they were
            ((ObjectNode) params).remove("_meta");
        }
        return new ClientScope(observation, context);
    }

    /** The observation of a message received, current on the thread that handles it until closed. */
    private static final class ServerScope implements Scope {

        private final Observation observation;

        private final Observation.Scope scope;

        private final McpServerObservationContext context;

        ServerScope(Observation observation, Observation.Scope scope, McpServerObservationContext context) {
            this.observation = observation;
            this.scope = scope;
            this.context = context;
        }

        @Override
        public void error(Throwable failure) {
            if (context.getError() == null) {
                observation.error(failure);
            }
        }

        @Override
        public void errorResponse(JsonRpcError error) {
            context.setErrorResponse(error);
            if (context.getError() == null) { // the span's status description is the JSON-RPC message
                observation.error(new McpException(error.code(), error.message()));
            }
        }

        @Override
        public void toolError() {
            context.setToolError(true);
            if (context.getError() == null) {
                observation.error(new ToolErrorResult());
            }
        }

        @Override
        public void close() {
            scope.close();
            observation.stop();
        }
    }

    /** The observation of a request sent to a client, stopped when the answer arrives, on whatever thread. */
    private static final class ClientScope implements Scope {

        private final Observation observation;

        private final McpClientObservationContext context;

        ClientScope(Observation observation, McpClientObservationContext context) {
            this.observation = observation;
            this.context = context;
        }

        @Override
        public void error(Throwable failure) {
            if (context.getError() == null) {
                observation.error(failure);
            }
        }

        @Override
        public void errorResponse(JsonRpcError error) {
            context.setErrorResponse(error);
            if (context.getError() == null) {
                observation.error(new McpException(error.code(), error.message()));
            }
        }

        @Override
        public void close() {
            observation.stop();
        }
    }

    /** What a tool result with {@code isError: true} records as the observation's error. */
    static final class ToolErrorResult extends RuntimeException {

        ToolErrorResult() {
            super("The tool's result has isError: true", null, false, false);
        }
    }
}
