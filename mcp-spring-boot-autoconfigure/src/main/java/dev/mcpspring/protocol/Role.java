package dev.mcpspring.protocol;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Who a message is from: the user or the assistant (the model). */
public enum Role {
    USER, ASSISTANT;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Role fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
