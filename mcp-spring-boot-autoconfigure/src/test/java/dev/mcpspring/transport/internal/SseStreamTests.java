package dev.mcpspring.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.JsonRpcMessage;
import dev.mcpspring.protocol.McpJsonMapper;
import tools.jackson.databind.node.IntNode;

/**
 * When a stream writes what it is sent: notifications wait for the flusher's tick, to go out together with what
 * follows them; a request to the client goes out at once, with whatever waits before it, since its sender waits
 * for the answer and nothing would join it.
 */
class SseStreamTests {

    private final RecordingOutput output = new RecordingOutput();

    private final SseFlusher flusher = mock(SseFlusher.class); // never ticks: only what is written at once shows

    private final SseKeepAlive keepAlive = new SseKeepAlive(Duration.ZERO);

    private SseStream stream;

    @BeforeEach
    void openStream() throws IOException {
        HttpServletResponse response = mock(HttpServletResponse.class);
        when(response.getOutputStream()).thenReturn(output);
        stream = new SseStream(mock(AsyncContext.class), response, new SseEventEncoder(
                new JsonRpcCodec(McpJsonMapper.create())), keepAlive, flusher, 0, 1024 * 1024, new AtomicInteger());
    }

    @AfterEach
    void closeKeepAlive() {
        keepAlive.close();
    }

    @Test
    void aNotificationWaitsForTheFlushersTick() {
        stream.send(new JsonRpcMessage.Notification("notifications/progress", null));

        assertThat(output.written()).isEmpty();
        verify(flusher).flushSoon(stream);

        stream.flushQueued(); // the tick
        assertThat(output.written()).contains("\"method\":\"notifications/progress\"");
        assertThat(output.flushes).isEqualTo(1);
    }

    @Test
    void aRequestToTheClientIsWrittenAtOnceAfterWhatWaitsBeforeIt() {
        stream.send(new JsonRpcMessage.Notification("notifications/progress", null));
        stream.send(new JsonRpcMessage.Request(IntNode.valueOf(7), "sampling/createMessage", null));

        String written = output.written();
        assertThat(written).contains("\"method\":\"notifications/progress\"", "\"method\":\"sampling/createMessage\"");
        assertThat(written.indexOf("notifications/progress")).isLessThan(written.indexOf("sampling/createMessage"));
        assertThat(output.flushes).isEqualTo(1);
        verify(flusher, times(1)).flushSoon(stream); // for the notification only
    }

    @Test
    void aResponseWaitsForTheTickLikeANotification() {
        stream.send(new JsonRpcMessage.Response(IntNode.valueOf(7), IntNode.valueOf(1)));

        assertThat(output.written()).isEmpty();
        verify(flusher).flushSoon(stream);
    }

    /** A blocking servlet output stream that keeps what is written and counts the flushes. */
    private static final class RecordingOutput extends ServletOutputStream {

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        private int flushes;

        String written() {
            return bytes.toString(StandardCharsets.UTF_8);
        }

        @Override
        public void write(int b) {
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
        }

        @Override
        public void flush() {
            flushes++;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            throw new UnsupportedOperationException("the blocking budget is not exceeded in these tests");
        }
    }
}
