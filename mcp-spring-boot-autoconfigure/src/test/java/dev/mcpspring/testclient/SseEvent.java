package dev.mcpspring.testclient;

/**
 * One server-sent event as dispatched by {@link SseParser}.
 *
 * @param event the {@code event:} field, or {@code null} when the event had none (a browser then uses
 *              {@code "message"})
 * @param data  the {@code data:} lines joined with {@code "\n"}; empty when the event had no data line
 * @param id    the {@code id:} field of this event, or {@code null} when the event set none
 * @param retry the {@code retry:} field in milliseconds, or {@code null}
 */
public record SseEvent(String event, String data, String id, Long retry) {

    /** The event type a browser would report: the {@code event:} field, else {@code "message"}. */
    public String type() {
        return event == null || event.isEmpty() ? "message" : event;
    }

    /** Whether the event carried data (a priming event has an id and empty data). */
    public boolean hasData() {
        return !data.isEmpty();
    }
}
