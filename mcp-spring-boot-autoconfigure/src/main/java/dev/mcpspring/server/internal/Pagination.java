package dev.mcpspring.server.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.mcpspring.protocol.McpException;

/**
 * Cursor pagination over a list sorted by a unique key. A cursor names the last key of the previous page, so
 * pages stay correct when items are added or removed between calls.
 */
public final class Pagination {

    private static final String PREFIX = "after:";

    private Pagination() {
    }

    /**
     * One page of items.
     *
     * @param items      the next items
     * @param nextCursor the cursor of the page after, or {@code null} on the last page
     */
    public record Page<T>(List<T> items, @Nullable String nextCursor) {
    }

    /**
     * Returns the page after {@code cursor} (the first page when it is {@code null}).
     *
     * @throws McpException -32602 when the cursor was not made by this server
     */
    public static <T> Page<T> page(List<T> sorted, Function<T, String> key, @Nullable String cursor, int pageSize) {
        int start = cursor == null ? 0 : indexAfter(sorted, key, decode(cursor));
        int end = Math.min(sorted.size(), start + pageSize);
        String next = end < sorted.size() ? encode(key.apply(sorted.get(end - 1))) : null;
        return new Page<>(sorted.subList(start, end), next);
    }

    private static <T> int indexAfter(List<T> sorted, Function<T, String> key, String lastKey) {
        int index = 0;
        while (index < sorted.size() && key.apply(sorted.get(index)).compareTo(lastKey) <= 0) {
            index++;
        }
        return index;
    }

    private static String encode(String lastKey) {
        return Base64.getUrlEncoder().withoutPadding()
            .encodeToString((PREFIX + lastKey).getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (decoded.startsWith(PREFIX)) {
                return decoded.substring(PREFIX.length());
            }
        }
        catch (IllegalArgumentException ex) {
            // not base64: reported below
        }
        throw McpException.invalidParams("Invalid cursor: '" + cursor
                + "' was not returned by this server as a nextCursor; omit it to start from the first page");
    }
}
