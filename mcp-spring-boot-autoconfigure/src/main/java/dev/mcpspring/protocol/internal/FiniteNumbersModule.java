package dev.mcpspring.protocol.internal;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdScalarSerializer;

/**
 * Writes {@code double} and {@code float} values as JSON numbers and refuses NaN and the infinities, which JSON has no
 * number for: Jackson would write them as the strings {@code "NaN"} and {@code "Infinity"}, which no schema of type
 * {@code number} accepts, so a tool's structured result would break its own output schema.
 */
public final class FiniteNumbersModule extends SimpleModule {

    /** The start of the message of the failure, which says where the value was. */
    public static final String NOT_FINITE = "a number JSON cannot carry";

    public FiniteNumbersModule() {
        super("mcp-finite-numbers");
        FiniteNumberSerializer serializer = new FiniteNumberSerializer();
        addSerializer(Double.class, serializer);
        addSerializer(double.class, serializer);
        addSerializer(Float.class, serializer);
        addSerializer(float.class, serializer);
    }

    private static final class FiniteNumberSerializer extends StdScalarSerializer<Number> {

        FiniteNumberSerializer() {
            super(Number.class);
        }

        @Override
        public void serialize(Number value, JsonGenerator generator, SerializationContext context) {
            double number = value.doubleValue();
            if (!Double.isFinite(number)) {
                context.reportMappingProblem(NOT_FINITE + " (" + value + "): return a finite number, or null");
            }
            if (value instanceof Float single) {
                generator.writeNumber(single.floatValue());
            }
            else {
                generator.writeNumber(number);
            }
        }
    }
}
