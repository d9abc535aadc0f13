package dev.mcpspring.testclient;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * An incremental parser of the {@code text/event-stream} format (WHATWG HTML, "Server-sent events"), fed one line
 * at a time (without its line terminator).
 * <p>
 * Follows the specification's field rules: a line starting with {@code ':'} is a comment; {@code field: value}
 * loses one space after the colon; a line without colon is a field with an empty value; several {@code data}
 * lines are joined with {@code "\n"}; an {@code id} containing NUL is ignored; {@code retry} must be all digits;
 * unknown fields are ignored; an empty line dispatches the event; an event left incomplete at the end of the
 * stream is discarded.
 * <p>
 * Unlike a browser, an event whose data is empty is still reported when it set any field (MCP servers send
 * such "priming" events with only an {@code id}), and {@link SseEvent#id()} is the id set by that event only
 * rather than the last event id of the stream.
 */
public final class SseParser {

    private final Consumer<SseEvent> onEvent;

    private final Consumer<String> onComment;

    private final StringBuilder data = new StringBuilder();

    private boolean hasData;

    private String event;

    private String id;

    private Long retry;

    private boolean anyField;

    private boolean firstLine = true;

    /**
     * @param onEvent   receives every dispatched event
     * @param onComment receives the text of every comment line (after the colon, one leading space removed)
     */
    public SseParser(Consumer<SseEvent> onEvent, Consumer<String> onComment) {
        this.onEvent = onEvent;
        this.onComment = onComment;
    }

    /** Feeds one line, without its terminator. */
    public void line(String line) {
        if (firstLine) {
            firstLine = false;
            if (line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
        }
        if (line.isEmpty()) {
            dispatch();
            return;
        }
        if (line.charAt(0) == ':') {
            onComment.accept(stripOneSpace(line.substring(1)));
            return;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : stripOneSpace(line.substring(colon + 1));
        switch (field) {
            case "event" -> {
                event = value;
                anyField = true;
            }
            case "data" -> {
                if (hasData) {
                    data.append('\n');
                }
                data.append(value);
                hasData = true;
                anyField = true;
            }
            case "id" -> {
                if (value.indexOf('\0') < 0) {
                    id = value;
                    anyField = true;
                }
            }
            case "retry" -> {
                if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    retry = Long.parseLong(value);
                    anyField = true;
                }
            }
            default -> {
                // unknown fields are ignored
            }
        }
    }

    /** Parses a complete {@code text/event-stream} body. */
    public static Parsed parse(String body) {
        List<SseEvent> events = new ArrayList<>();
        List<String> comments = new ArrayList<>();
        SseParser parser = new SseParser(events::add, comments::add);
        splitLines(body).forEach(parser::line);
        return new Parsed(List.copyOf(events), List.copyOf(comments));
    }

    /** Splits text at CRLF, LF or CR, as the event stream format does; a trailing partial line is kept. */
    static List<String> splitLines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                lines.add(text.substring(start, i));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
            i++;
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    private void dispatch() {
        if (anyField) {
            onEvent.accept(new SseEvent(event, data.toString(), id, retry));
        }
        data.setLength(0);
        hasData = false;
        event = null;
        id = null;
        retry = null;
        anyField = false;
    }

    private static String stripOneSpace(String value) {
        return value.startsWith(" ") ? value.substring(1) : value;
    }

    /**
     * The content of a complete event stream.
     *
     * @param events   dispatched events, in order
     * @param comments comment lines, in order
     */
    public record Parsed(List<SseEvent> events, List<String> comments) {
    }
}
