package dev.mcpspring.test.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The streams a connection keeps open for notifications, closed together when it ends. */
final class OpenStreams {

    private final List<AutoCloseable> streams = new CopyOnWriteArrayList<>();

    /** Keeps {@code stream} until {@link #closeAll()}, and returns it. */
    AutoCloseable add(AutoCloseable stream) {
        streams.add(stream);
        return stream;
    }

    void closeAll() {
        for (AutoCloseable stream : streams) {
            try {
                stream.close();
            }
            catch (Exception ex) {
                // closing is all that matters
            }
        }
        streams.clear();
    }
}
