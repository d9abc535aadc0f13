package dev.mcpspring.annotation.internal;

import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.mcpspring.annotation.McpResource;
import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.protocol.McpException;
import dev.mcpspring.protocol.ReadResourceResult;
import dev.mcpspring.server.ResourceRead;
import dev.mcpspring.server.ResourceReader;
import dev.mcpspring.server.internal.HandlerObservation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JacksonException;

/**
 * Reads a resource with a {@link McpResource} method: binds the template's variables and the injected
 * parameters, calls the method (through the bean's proxy when it has one) and maps what it returns.
 */
final class ResourceMethodReader implements ResourceReader {

    private static final Log logger = LogFactory.getLog(ResourceMethodReader.class);

    private final BeanMethod method;

    private final List<Function<ResourceRead, Object>> binders;

    private final ResourceContentsMapper contents;

    ResourceMethodReader(BeanMethod method, List<Function<ResourceRead, Object>> binders,
            ResourceContentsMapper contents) {
        this.method = method;
        this.binders = List.copyOf(binders);
        this.contents = contents;
    }

    @Override
    public ReadResourceResult read(ResourceRead read) {
        String uri = read.uri();
        Object[] args = new Object[binders.size()];
        for (int i = 0; i < args.length; i++) {
            try {
                args[i] = binders.get(i).apply(read);
            }
            catch (ArgumentBindingException ex) {
                // the URI matches the template, but a variable's value is not one of the parameter's type
                if (logger.isDebugEnabled()) {
                    logger.debug("No resource " + uri + " (" + method.source() + "): " + ex.getMessage());
                }
                throw notFound(uri, ex.getMessage());
            }
        }
        Object value;
        try {
            value = AsyncResults.await(method.invoke(args), read.context());
        }
        catch (InvocationTargetException ex) {
            HandlerObservation.failed(read.context(), HandlerFailures.unwrap(ex.getTargetException()));
            throw HandlerFailures.toProtocolError(ex.getTargetException(), reading(uri), Map.of("uri", uri),
                    method.source(), logger);
        }
        ReadResourceResult result;
        try {
            result = contents.map(value, uri);
        }
        catch (JacksonException | IllegalStateException ex) {
            throw HandlerFailures.unsendable(ex, reading(uri), Map.of("uri", uri), method.source(), logger);
        }
        if (result == null) {
            throw notFound(uri, null);
        }
        return result;
    }

    private static String reading(String uri) {
        return "reading resource '" + uri + "'";
    }

    /** -32002 with the URI in {@code data}, as {@code resources/read} answers for an unknown URI. */
    private static McpException notFound(String uri, String reason) {
        return new McpException(ErrorCodes.RESOURCE_NOT_FOUND,
                "Resource not found: " + uri + (reason == null ? "" : " (" + reason + ")"), Map.of("uri", uri));
    }
}
