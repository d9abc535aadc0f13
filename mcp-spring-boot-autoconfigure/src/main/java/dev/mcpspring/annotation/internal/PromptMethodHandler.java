package dev.mcpspring.annotation.internal;

import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.function.Function;

import dev.mcpspring.annotation.McpPrompt;
import dev.mcpspring.protocol.GetPromptResult;
import dev.mcpspring.protocol.McpException;
import dev.mcpspring.server.PromptHandler;
import dev.mcpspring.server.PromptInvocation;
import dev.mcpspring.server.internal.HandlerObservation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Fills in a prompt with a {@link McpPrompt} method: binds the arguments and the injected parameters, calls the
 * method (through the bean's proxy when it has one) and maps what it returns to messages.
 */
final class PromptMethodHandler implements PromptHandler {

    private static final Log logger = LogFactory.getLog(PromptMethodHandler.class);

    private final String promptName;

    private final BeanMethod method;

    private final List<Function<PromptInvocation, Object>> binders;

    private final PromptMessagesMapper messages;

    PromptMethodHandler(String promptName, BeanMethod method, List<Function<PromptInvocation, Object>> binders,
            PromptMessagesMapper messages) {
        this.promptName = promptName;
        this.method = method;
        this.binders = List.copyOf(binders);
        this.messages = messages;
    }

    @Override
    public GetPromptResult get(PromptInvocation invocation) {
        Object[] args;
        try {
            args = ArgumentBindingException.bindAll(binders.size(), i -> binders.get(i).apply(invocation));
        }
        catch (ArgumentBindingException ex) {
            throw McpException.invalidParams("Invalid arguments for prompt '" + promptName + "': " + ex.getMessage());
        }
        Object value;
        try {
            value = AsyncResults.await(method.invoke(args), invocation.context());
        }
        catch (InvocationTargetException ex) {
            HandlerObservation.failed(invocation.context(), HandlerFailures.unwrap(ex.getTargetException()));
            throw HandlerFailures.toProtocolError(ex.getTargetException(), getting(), null, method.source(), logger);
        }
        try {
            return messages.map(value);
        }
        catch (IllegalStateException ex) {
            throw HandlerFailures.unsendable(ex, getting(), null, method.source(), logger);
        }
    }

    private String getting() {
        return "getting prompt '" + promptName + "'";
    }
}
