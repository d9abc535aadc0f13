package dev.mcpspring.transport.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.JsonRpcMessage;

/**
 * Writes server-sent events as bytes: a JSON-RPC message as one {@code message} event, a priming event, a
 * keep-alive comment. The JSON of the message encoded last is kept and reused when the same message comes again,
 * so a broadcast to thousands of streams (a {@code list_changed}) is serialised once, not once per stream.
 */
final class SseEventEncoder {

    private static final byte[] EVENT_PREFIX = ascii("event: message\ndata: ");

    private static final byte[] ID_PREFIX = ascii("id: ");

    private static final byte[] RETRY_PREFIX = ascii("retry: ");

    private static final byte[] LINE_END = ascii("\n");

    private static final byte[] EMPTY_DATA = ascii("data: \n\n");

    private static final byte[] EVENT_END = ascii("\n\n");

    private static final byte[] KEEP_ALIVE = ascii(": keep-alive\n\n");

    private final JsonRpcCodec codec;

    private volatile Encoded last;

    SseEventEncoder(JsonRpcCodec codec) {
        this.codec = codec;
    }

    /** The event carrying {@code message}, with the id {@code eventId} unless that is {@code null}. */
    byte[] message(String eventId, JsonRpcMessage message) {
        byte[] json = json(message);
        ByteArrayOutputStream event = new ByteArrayOutputStream(json.length + 64);
        writeId(event, eventId);
        event.writeBytes(EVENT_PREFIX);
        event.writeBytes(json);
        event.writeBytes(EVENT_END);
        return event.toByteArray();
    }

    /** A priming event (SEP-1699): an id, the reconnection delay unless it is 0, and empty data. */
    byte[] priming(String eventId, long retryMillis) {
        ByteArrayOutputStream event = new ByteArrayOutputStream(64);
        writeId(event, eventId);
        if (retryMillis > 0) {
            event.writeBytes(RETRY_PREFIX);
            event.writeBytes(ascii(Long.toString(retryMillis)));
            event.writeBytes(LINE_END);
        }
        event.writeBytes(EMPTY_DATA);
        return event.toByteArray();
    }

    /** A comment line that keeps proxies from closing an idle stream; clients ignore it. */
    byte[] keepAlive() {
        return KEEP_ALIVE;
    }

    private byte[] json(JsonRpcMessage message) {
        Encoded encoded = last;
        if (encoded != null && encoded.message() == message) {
            return encoded.json();
        }
        byte[] json = codec.write(message);
        last = new Encoded(message, json);
        return json;
    }

    private static void writeId(ByteArrayOutputStream event, String eventId) {
        if (eventId != null) {
            event.writeBytes(ID_PREFIX);
            event.writeBytes(eventId.getBytes(StandardCharsets.UTF_8));
            event.writeBytes(LINE_END);
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private record Encoded(JsonRpcMessage message, byte[] json) {
    }
}
