package dev.mcpspring.session.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Shares equal immutable values: {@link #intern} hands out one canonical instance per distinct value, so that
 * thousands of sessions of the same client program hold one copy of what it sent in {@code initialize}.
 * <p>
 * The number of distinct values is chosen by clients, so it is bounded: when the table is full it is cleared and
 * starts over. Values handed out before stay valid (they are only no longer shared with later equal ones), and
 * a client that sends a new value every time can neither grow the table past its bound nor keep it full for
 * good, as a table that stops accepting values when full would let it.
 *
 * @param <T> the type of the values; its {@code equals} and {@code hashCode} must compare by value
 */
final class BoundedInterner<T> {

    private final Map<T, T> canonical = new ConcurrentHashMap<>();

    private final int maxEntries;

    /** @param maxEntries how many distinct values are kept at most */
    BoundedInterner(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive: " + maxEntries);
        }
        this.maxEntries = maxEntries;
    }

    /** The canonical instance equal to {@code value}, which becomes it when there is none yet; null stays null. */
    @Nullable T intern(@Nullable T value) {
        if (value == null) {
            return null;
        }
        T known = canonical.get(value);
        if (known != null) {
            return known;
        }
        if (canonical.size() >= maxEntries) {
            // callers racing past this check may each add one more value: the bound is kept within their number
            canonical.clear();
        }
        known = canonical.putIfAbsent(value, value);
        return known != null ? known : value;
    }

    /** How many distinct values are kept now. */
    int size() {
        return canonical.size();
    }
}
