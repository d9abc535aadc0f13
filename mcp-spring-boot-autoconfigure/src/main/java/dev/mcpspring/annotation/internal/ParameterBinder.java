package dev.mcpspring.annotation.internal;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import dev.mcpspring.protocol.internal.JsonBindingMessages;
import dev.mcpspring.server.ToolInvocation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.exc.InvalidDefinitionException;
import tools.jackson.databind.node.ObjectNode;

/** Supplies the value of one parameter of a tool method for one call. Built once per parameter at startup. */
interface ParameterBinder {

    /**
     * The parameter's value for this call.
     *
     * @throws ArgumentBindingException when the argument is missing or has the wrong shape
     */
    Object bind(ObjectNode arguments, ToolInvocation invocation);

    /** A parameter the framework supplies. */
    static ParameterBinder injected(Function<ToolInvocation, Object> resolver) {
        return (arguments, invocation) -> resolver.apply(invocation);
    }

    /**
     * A parameter bound from the call's arguments, with a reader (and its deserializers) prepared at startup.
     * Built directly, so that the factory can {@link #checkReadable() check} the type first.
     */
    final class JsonArgument implements ParameterBinder {

        private static final Log logger = LogFactory.getLog(JsonArgument.class);

        private final String name;

        private final boolean required;

        private final boolean optionalWrapper;

        private final Class<?> rawType;

        private final boolean tree;

        private final ObjectReader reader;

        private final ObjectMapper mapper;

        private final Object absentValue;

        private final ArgumentShape shape;

        private final AtomicBoolean definitionProblemLogged = new AtomicBoolean();

        /** A binder that checks nothing of the argument's JSON beyond what Jackson checks; see {@link #checkedBy}. */
        JsonArgument(ToolArgument argument, ObjectMapper mapper) {
            JavaType type = mapper.getTypeFactory().constructType(argument.valueType());
            this.name = argument.name();
            this.required = argument.required();
            this.optionalWrapper = argument.optionalWrapper();
            this.rawType = type.getRawClass();
            this.tree = JsonNode.class.isAssignableFrom(rawType);
            this.reader = mapper.readerFor(type).without(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
            this.mapper = mapper;
            // a Kotlin parameter with a default gets null, so that the function is called with its default
            boolean kotlinDefault = KotlinSupport.isKotlin(argument.parameter().getMethod())
                    && argument.parameter().isOptional();
            this.absentValue = optionalWrapper ? Optional.empty()
                    : kotlinDefault ? null : StringParameter.absentValue(rawType);
            this.shape = ArgumentShape.ANY;
        }

        private JsonArgument(JsonArgument binder, ArgumentShape shape) {
            this.name = binder.name;
            this.required = binder.required;
            this.optionalWrapper = binder.optionalWrapper;
            this.rawType = binder.rawType;
            this.tree = binder.tree;
            this.reader = binder.reader;
            this.mapper = binder.mapper;
            this.absentValue = binder.absentValue;
            this.shape = shape;
        }

        /** This binder, checking the argument's JSON against {@code shape} (its published schema's) first. */
        JsonArgument checkedBy(ArgumentShape shape) {
            return new JsonArgument(this, shape);
        }

        /**
         * Fails when Jackson cannot read this type at all (no creator, an abstract type without type information),
         * by reading an empty object; any other failure (the empty object is not a valid value) is expected.
         *
         * @throws InvalidDefinitionException when the type cannot be read
         */
        void checkReadable() {
            if (tree) {
                return;
            }
            try {
                reader.readValue(mapper.createObjectNode());
            }
            catch (InvalidDefinitionException ex) {
                throw ex;
            }
            catch (JacksonException ex) {
                // the empty object is not a value of this type: fine
            }
        }

        @Override
        public Object bind(ObjectNode arguments, ToolInvocation invocation) {
            JsonNode node = arguments.get(name);
            if (node == null || node.isNull() || node.isMissingNode()) {
                if (required) {
                    throw new ArgumentBindingException("parameter '" + name + "' is required");
                }
                return absentValue;
            }
            Object value;
            if (tree) {
                if (!rawType.isInstance(node)) {
                    throw new ArgumentBindingException("parameter '" + name + "': expected "
                            + (node.isObject() ? "an array" : "an object"));
                }
                value = node;
            }
            else {
                String problem = shape.problem(node, name);
                if (problem != null) {
                    throw new ArgumentBindingException("parameter " + problem);
                }
                try {
                    value = reader.readValue(node);
                }
                catch (InvalidDefinitionException ex) {
                    // not the caller's fault: a type inside the argument cannot be constructed by Jackson; said
                    // once, in full, rather than with a stack trace on every call
                    String cause = "Cannot read argument '" + name + "' of an MCP tool: " + ex.getOriginalMessage();
                    if (definitionProblemLogged.compareAndSet(false, true)) {
                        logger.warn(cause + " (logged once; later ones at DEBUG)", ex);
                    }
                    else if (logger.isDebugEnabled()) {
                        logger.debug(cause, ex);
                    }
                    throw new ArgumentBindingException("parameter '" + name + "' cannot be read by the server");
                }
                catch (JacksonException ex) {
                    throw new ArgumentBindingException("parameter " + JsonBindingMessages.describe(name, ex, mapper, node));
                }
            }
            if (value == null) {
                if (required) {
                    throw new ArgumentBindingException("parameter '" + name + "' is required");
                }
                return absentValue;
            }
            return optionalWrapper ? Optional.of(value) : value;
        }
    }
}
