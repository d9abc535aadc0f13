package dev.mcpspring.server;

import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.JsonRpcMessage;
import dev.mcpspring.protocol.LoggingLevel;
import dev.mcpspring.protocol.LoggingMessageNotification;
import dev.mcpspring.protocol.McpMethods;
import dev.mcpspring.protocol.ProgressNotification;
import dev.mcpspring.session.McpSession;
import dev.mcpspring.session.MessageSink;

/** The {@link PeerHandle} of one request: everything it sends goes on that request's response stream. */
final class RequestPeer implements PeerHandle {

    private final McpSession session;

    private final Object progressToken;

    private final MessageSink requestStream;

    private final JsonRpcCodec codec;

    RequestPeer(McpSession session, Object progressToken, MessageSink requestStream, JsonRpcCodec codec) {
        this.session = session;
        this.progressToken = progressToken;
        this.requestStream = requestStream;
        this.codec = codec;
    }

    @Override
    public void progress(double progress, Double total, String message) {
        if (progressToken != null) {
            notify(McpMethods.NOTIFICATION_PROGRESS,
                    new ProgressNotification(progressToken, progress, total, message));
        }
    }

    @Override
    public void log(LoggingLevel level, String logger, Object data) {
        if (level.isAtLeast(session.logLevel())) {
            notify(McpMethods.NOTIFICATION_MESSAGE, new LoggingMessageNotification(level, logger, data));
        }
    }

    private void notify(String method, Object params) {
        requestStream.send(new JsonRpcMessage.Notification(method, codec.toTree(params)));
    }
}
