package dev.mcpspring.session.redis;

import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.JsonRpcMessage;
import dev.mcpspring.session.MessageSink;

/**
 * On the instance that owns a stream, a client connection that another instance holds: what the stream writes
 * goes there over the {@link ClusterBus}, in order.
 */
final class RemoteConnection implements MessageSink {

    private final ClusterBus bus;

    private final JsonRpcCodec codec;

    private final String nodeId;

    private final String holder;

    private final String connection;

    private final Runnable onEnd;

    private final AtomicBoolean open = new AtomicBoolean(true);

    /**
     * @param nodeId     this instance
     * @param holder     the instance that holds the connection
     * @param connection the connection's id there
     * @param onEnd      run once when the connection ends, either way
     */
    RemoteConnection(ClusterBus bus, JsonRpcCodec codec, String nodeId, String holder, String connection,
            Runnable onEnd) {
        this.bus = bus;
        this.codec = codec;
        this.nodeId = nodeId;
        this.holder = holder;
        this.connection = connection;
        this.onEnd = onEnd;
    }

    String holder() {
        return holder;
    }

    @Override
    public boolean send(JsonRpcMessage message) {
        return send(null, message);
    }

    @Override
    public boolean send(String eventId, JsonRpcMessage message) {
        return forward(eventId, message);
    }

    @Override
    public boolean prime(String eventId) {
        return forward(eventId, null);
    }

    private boolean forward(String eventId, @Nullable JsonRpcMessage message) {
        if (!open.get()) {
            return false;
        }
        try {
            bus.send(holder, new ClusterMessage(ClusterMessage.Type.EVENT, nodeId, null, null, connection, null,
                    eventId, null, message == null ? null : codec.toTree(message), null));
            return true;
        }
        catch (RuntimeException ex) { // Redis is gone: so is the way to the connection
            ended();
            return false;
        }
    }

    @Override
    public boolean isOpen() {
        return open.get();
    }

    /** The stream is done with the connection: the holder closes it. */
    @Override
    public void close() {
        if (ended()) {
            try {
                bus.send(holder, new ClusterMessage(ClusterMessage.Type.CLOSE, nodeId, null, null, connection, null,
                        null, null, null, null));
            }
            catch (RuntimeException ex) {
                // the holder closes it when it finds this instance gone
            }
        }
    }

    /** The holder reported the connection closed, or the holder is gone. */
    boolean ended() {
        if (!open.compareAndSet(true, false)) {
            return false;
        }
        onEnd.run();
        return true;
    }
}
