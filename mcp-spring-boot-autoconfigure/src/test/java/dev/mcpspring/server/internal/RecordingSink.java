package dev.mcpspring.server.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.mcpspring.protocol.JsonRpcMessage;
import dev.mcpspring.session.MessageSink;

/** A request's stream that stays open and keeps what was sent on it. */
final class RecordingSink implements MessageSink {

    private final List<JsonRpcMessage> sent = new CopyOnWriteArrayList<>();

    @Override
    public boolean send(JsonRpcMessage message) {
        sent.add(message);
        return true;
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public void close() {
    }

    List<JsonRpcMessage> sent() {
        return List.copyOf(sent);
    }
}
