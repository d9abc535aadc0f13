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

    /**
     * The role of a wire name, in any case.
     *
     * @throws IllegalArgumentException naming the roles when {@code value} is none of them
     */
    @JsonCreator
    public static Role fromWire(String value) {
        for (Role role : values()) {
            if (role.name().equalsIgnoreCase(value)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role \"" + value + "\": expected \"user\" or \"assistant\"");
    }
}
