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

    @JsonCreator
    public static LoggingLevel fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** Whether a message at this level passes a filter set to {@code minimum}. */
    public boolean isAtLeast(LoggingLevel minimum) {
        return compareTo(minimum) >= 0;
    }
}
