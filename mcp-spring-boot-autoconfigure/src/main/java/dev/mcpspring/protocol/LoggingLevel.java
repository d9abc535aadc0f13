package dev.mcpspring.protocol;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Syslog severities used by MCP logging, least severe first. */
public enum LoggingLevel {
    DEBUG, INFO, NOTICE, WARNING, ERROR, CRITICAL, ALERT, EMERGENCY;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The level of a wire name, in any case.
     *
     * @throws IllegalArgumentException naming the levels when {@code value} is none of them
     */
    @JsonCreator
    public static LoggingLevel fromWire(String value) {
        for (LoggingLevel level : values()) {
            if (level.name().equalsIgnoreCase(value)) {
                return level;
            }
        }
        throw new IllegalArgumentException("unknown logging level \"" + value + "\": expected one of debug, info, "
                + "notice, warning, error, critical, alert, emergency");
    }

    /** Whether a message at this level passes a filter set to {@code minimum}. */
    public boolean isAtLeast(LoggingLevel minimum) {
        return compareTo(minimum) >= 0;
    }
}
