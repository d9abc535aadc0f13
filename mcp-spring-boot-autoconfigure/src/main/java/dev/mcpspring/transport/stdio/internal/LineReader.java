package dev.mcpspring.transport.stdio.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * Reads newline-delimited lines of bytes, never holding more than {@code maxLineBytes} of one: the rest of a longer
 * line is skipped as it arrives, and the line is reported as too long. A carriage return before the newline is
 * dropped; the last line needs no newline.
 */
final class LineReader {

    /** A line read: its bytes, or none when it was too long to keep. */
    record Line(byte @Nullable [] bytes, long length) {

        boolean tooLong() {
            return bytes == null;
        }
    }

    private final InputStream input;

    private final long maxLineBytes;

    private final byte[] buffer = new byte[8192];

    private int position;

    private int limit;

    private byte[] line = new byte[256];

    LineReader(InputStream input, long maxLineBytes) {
        this.input = input;
        this.maxLineBytes = maxLineBytes;
    }

    /** The next line, or {@code null} at the end of the input. */
    @Nullable Line next() throws IOException {
        int kept = 0;
        long length = 0;
        boolean any = false;
        while (true) {
            if (position == limit) {
                limit = input.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return any ? line(kept, length) : null;
                }
            }
            any = true;
            int start = position;
            int end = start;
            while (end < limit && buffer[end] != '\n') {
                end++;
            }
            int chunk = end - start;
            if (length + chunk <= maxLineBytes) {
                ensureCapacity(kept + chunk);
                System.arraycopy(buffer, start, line, kept, chunk);
                kept += chunk;
            }
            length += chunk;
            position = end < limit ? end + 1 : end;
            if (end < limit) {
                return line(kept, length);
            }
        }
    }

    private Line line(int kept, long length) {
        if (length > maxLineBytes) {
            return new Line(null, length);
        }
        int end = kept > 0 && line[kept - 1] == '\r' ? kept - 1 : kept;
        return new Line(Arrays.copyOf(line, end), end);
    }

    private void ensureCapacity(int needed) {
        if (needed > line.length) {
            line = Arrays.copyOf(line, (int) Math.min(Math.max(needed, line.length * 2L), Integer.MAX_VALUE - 8));
        }
    }
}
