package dev.mcpspring.annotation.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Set;
import java.util.TreeSet;

import dev.mcpspring.annotation.McpTool;
import dev.mcpspring.protocol.CallToolResult;
import dev.mcpspring.protocol.ProtocolVersion;
import dev.mcpspring.protocol.internal.FiniteNumbersModule;
import dev.mcpspring.protocol.internal.JsonBindingMessages;
import dev.mcpspring.server.McpClientCapabilityException;
import dev.mcpspring.server.McpPeerException;
import dev.mcpspring.server.McpRequestCancelledException;
import dev.mcpspring.server.ToolHandler;
import dev.mcpspring.server.ToolInvocation;
import dev.mcpspring.server.internal.HandlerObservation;
import dev.mcpspring.server.internal.ToolFailures;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.validation.method.MethodValidationException;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs a {@link McpTool} method for {@code tools/call}: binds the arguments, validates them, calls the method
 * (through the bean's proxy when it has one) and maps what it returns. Everything that can be prepared is prepared
 * at startup; a call does the binding and one reflective invocation.
 */
class ToolMethodInvoker implements ToolHandler {

    private static final Log logger = LogFactory.getLog(ToolMethodInvoker.class);

    private static final ObjectNode NO_ARGUMENTS = JsonNodeFactory.instance.objectNode();

    private final String toolName;

    private final BeanMethod method;

    private final ParameterBinder[] binders;

    private final String[] argumentNames;

    /** The argument names the method takes, or {@code null} when it accepts unknown ones. */
    private final @Nullable Set<String> knownArguments;

    private final ArgumentValidation validation;

    private final ArgumentValidation.MethodValidator validator;

    private final ResultMapper results;

    /** Whether the method can wait for nothing but itself: it takes no way to reach the client. */
    private final boolean runsOnRequestThread;

    ToolMethodInvoker(String toolName, BeanMethod method, ParameterBinder[] binders, String[] argumentNames,
            Set<String> knownArguments, ArgumentValidation validation, ArgumentValidation.MethodValidator validator,
            ResultMapper results, boolean runsOnRequestThread) {
        this.toolName = toolName;
        this.method = method;
        this.binders = binders;
        this.argumentNames = argumentNames;
        this.knownArguments = knownArguments == null ? null : Set.copyOf(knownArguments);
        this.validation = validation;
        this.validator = validator;
        this.results = results;
        this.runsOnRequestThread = runsOnRequestThread;
    }

    @Override
    public boolean runsOnRequestThread() {
        return runsOnRequestThread;
    }

    @Override
    public CallToolResult call(ToolInvocation invocation) {
        Object[] args = new Object[binders.length];
        CallToolResult invalid = bind(invocation, args);
        if (invalid != null) {
            return invalid;
        }
        Object value;
        try {
            value = AsyncResults.await(method.invoke(method.target(), args), invocation.context());
        }
        catch (InvocationTargetException ex) {
            return failed(ex.getTargetException(), invocation);
        }
        return map(value);
    }

    /**
     * Binds and validates the arguments into {@code args}.
     *
     * @return the error result when they are wrong, else {@code null}
     */
    final @Nullable CallToolResult bind(ToolInvocation invocation, Object[] args) {
        ObjectNode arguments = invocation.arguments() != null ? invocation.arguments() : NO_ARGUMENTS;
        String unknown = unknownArguments(arguments);
        try {
            Object[] bound = ArgumentBindingException.bindAll(binders.length,
                    i -> binders[i].bind(arguments, invocation));
            System.arraycopy(bound, 0, args, 0, args.length);
        }
        catch (ArgumentBindingException ex) {
            return invalidArguments(unknown == null ? ex.getMessage() : ex.getMessage() + "; " + unknown);
        }
        if (unknown != null) {
            return invalidArguments(unknown);
        }
        if (validator != null) {
            String invalid = validator.validate(method.target(), args);
            if (invalid != null) {
                return invalidArguments(invalid);
            }
        }
        return null;
    }

    /** How many parameters the method has. */
    final int argumentCount() {
        return binders.length;
    }

    /** The method of this tool. */
    final BeanMethod method() {
        return method;
    }

    /** The tool result of what the method returned (or its future completed with). */
    final CallToolResult map(Object value) {
        try {
            return results.map(value);
        }
        catch (JacksonException ex) {
            logger.warn("The result of MCP tool '" + toolName + "' (" + method.source()
                    + ") cannot be written as JSON", ex);
            String original = String.valueOf(ex.getOriginalMessage());
            String where = JsonBindingMessages.whereWritten(ex);
            return CallToolResult.error("Tool '" + toolName + "' failed: its result could not be converted to JSON"
                    + (original.startsWith(FiniteNumbersModule.NOT_FINITE)
                            ? ": " + (where != null ? where : "a value") + " is " + original : ""));
        }
    }

    /** What is wrong with arguments the method has no parameter for, or {@code null}. */
    private @Nullable String unknownArguments(ObjectNode arguments) {
        if (knownArguments == null || knownArguments.containsAll(arguments.propertyNames())) {
            return null;
        }
        Set<String> unknown = new TreeSet<>(arguments.propertyNames());
        unknown.removeAll(knownArguments);
        return (unknown.size() == 1 ? "unknown argument '" + unknown.iterator().next() + "'"
                : "unknown arguments " + unknown.stream().map(name -> "'" + name + "'").toList())
                + (knownArguments.isEmpty() ? " (the tool takes none)"
                        : " (the tool takes " + new TreeSet<>(knownArguments) + ")");
    }

    private CallToolResult invalidArguments(String problems) {
        return CallToolResult.error("Invalid arguments for tool '" + toolName + "': " + problems);
    }

    /**
     * The tool result of a failure of the method, or the protocol error it stands for (thrown).
     *
     * @throws dev.mcpspring.protocol.McpException when the method threw one, or a 2026-07-28 call lacks a capability
     */
    final CallToolResult failed(Throwable thrown, ToolInvocation invocation) {
        Throwable failure = HandlerFailures.unwrap(thrown);
        HandlerObservation.failed(invocation.context(), failure);
        if (failure instanceof McpClientCapabilityException missing && invocation.context() != null
                && ProtocolVersion.isModern(invocation.context().protocolVersion())) {
            throw missing.toProtocolError(); // 2026-07-28 answers it with MissingRequiredClientCapability (-32021)
        }
        String invalid = describeInvalidArguments(failure);
        if (invalid != null) {
            if (logger.isDebugEnabled()) {
                logger.debug("MCP tool '" + toolName + "' (" + method.source() + ") rejected its arguments: "
                        + invalid);
            }
            return invalidArguments(invalid);
        }
        if (failure instanceof McpRequestCancelledException cancelled) {
            // the client cancelled the request (or its session ended) while the tool waited on the client: an
            // expected end, not a failure of the tool; nobody reads this result
            if (logger.isDebugEnabled()) {
                logger.debug("MCP tool '" + toolName + "' (" + method.source() + ") stopped: "
                        + cancelled.getMessage());
            }
            return CallToolResult.error("Tool '" + toolName + "' was cancelled: " + cancelled.getMessage());
        }
        if (invocation.context() != null && invocation.context().peer() != null
                && invocation.context().peer().isCancelled()) {
            // whatever a cancelled tool throws as it stops (interrupted in a sleep, say) is how it stopped
            if (logger.isDebugEnabled()) {
                logger.debug("MCP tool '" + toolName + "' (" + method.source() + ") stopped after its request was "
                        + "cancelled: " + failure);
            }
            return CallToolResult.error("Tool '" + toolName + "' was cancelled");
        }
        // the tool refused its input or its caller, or the client refused or garbled what the tool asked it, and
        // the message says why: a stack trace each time would let any client fill the log
        String clientCaused = ToolFailures.isRefusedInput(failure) ? "refused its input"
                : ToolFailures.isAccessDenied(failure) ? "denied the caller access"
                : failure instanceof McpPeerException ? "failed on the client's answer" : null;
        if (clientCaused != null) {
            logger.warn("MCP tool '" + toolName + "' (" + method.source() + ") " + clientCaused + ": "
                    + failure.getMessage());
            if (logger.isDebugEnabled()) {
                logger.debug("MCP tool '" + toolName + "' " + clientCaused, failure);
            }
        }
        else {
            logger.warn("MCP tool '" + toolName + "' (" + method.source() + ") failed", failure);
        }
        return CallToolResult.error(ToolFailures.describe(toolName, failure));
    }

    private String describeInvalidArguments(Throwable failure) {
        if (failure instanceof MethodValidationException result) {
            return describe(result);
        }
        return validation == null ? null
                : validation.describeInvalidArguments(failure, method.method(), argumentNames);
    }

    /** Spring's adapted form of the violations a {@code @Validated} proxy found. */
    private @Nullable String describe(MethodValidationException result) {
        Method called = method.method();
        if (result.isForReturnValue() || !result.getMethod().getName().equals(called.getName())
                || result.getMethod().getParameterCount() != called.getParameterCount()) {
            return null;
        }
        Set<String> lines = new TreeSet<>();
        for (ParameterValidationResult parameterResult : result.getParameterValidationResults()) {
            int index = parameterResult.getMethodParameter().getParameterIndex();
            String name = index >= 0 && index < argumentNames.length && argumentNames[index] != null
                    ? argumentNames[index] : parameterResult.getMethodParameter().getParameterName();
            if (parameterResult.getContainerIndex() != null) {
                name += "[" + parameterResult.getContainerIndex() + "]";
            }
            else if (parameterResult.getContainerKey() != null) {
                name += "[" + parameterResult.getContainerKey() + "]";
            }
            if (parameterResult instanceof ParameterErrors errors) {
                for (ObjectError error : errors.getAllErrors()) {
                    String path = error instanceof FieldError field ? name + "." + field.getField() : name;
                    lines.add(path + ": " + error.getDefaultMessage());
                }
            }
            else {
                for (MessageSourceResolvable error : parameterResult.getResolvableErrors()) {
                    lines.add(name + ": " + error.getDefaultMessage());
                }
            }
        }
        for (MessageSourceResolvable error : result.getCrossParameterValidationResults()) {
            lines.add(error.getDefaultMessage());
        }
        return lines.isEmpty() ? null : String.join("; ", lines);
    }
}
