package dev.mcpspring.server;

import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.core.ParameterizedTypeReference;

/**
 * Values a handler carries from one round of a multi round-trip request to the next, so that work done before a
 * question to the client is not done again when the handler runs again with the answer (2026-07-28: the
 * handler re-runs from the start on the client's retry). The values travel in the request's sealed
 * {@code requestState}: the client can neither read nor change them. In a legacy (2025) session the handler runs
 * once, and the values simply live as long as the request.
 * <p>
 * Values are converted to JSON and back, so use records, strings, numbers and collections of them; read a generic
 * value with its full type, {@code new ParameterizedTypeReference<List<Item>>() {}}, since {@code List.class} gives
 * back a list of maps in the rounds after the first. Keep them small: they travel with every round.
 */
public interface RequestState {

    /** The value stored under {@code key} in an earlier round (or earlier in this one), as {@code type}. */
    <T> Optional<T> get(String key, Class<T> type);

    /**
     * The value stored under {@code key} in an earlier round (or earlier in this one), as the generic
     * {@code type}, such as {@code new ParameterizedTypeReference<List<Item>>() {}}.
     */
    <T> Optional<T> get(String key, ParameterizedTypeReference<T> type);

    /** Stores {@code value} under {@code key} for the rounds to come. */
    void put(String key, Object value);

    /**
     * The value stored under {@code key}, or else the one {@code compute} makes, stored for the rounds to come:
     * {@code compute} runs in the first round only.
     */
    default <T> T computeIfAbsent(String key, Class<T> type, Supplier<? extends T> compute) {
        return storedOrComputed(key, get(key, type), compute);
    }

    /** {@link #computeIfAbsent(String, Class, Supplier)} for a generic {@code type}. */
    default <T> T computeIfAbsent(String key, ParameterizedTypeReference<T> type, Supplier<? extends T> compute) {
        return storedOrComputed(key, get(key, type), compute);
    }

    private <T> T storedOrComputed(String key, Optional<T> stored, Supplier<? extends T> compute) {
        if (stored.isPresent()) {
            return stored.get();
        }
        T value = compute.get();
        put(key, value);
        return value;
    }
}
