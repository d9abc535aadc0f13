package dev.mcpspring.server;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

/**
 * Things the server offers (tools, resources, templates, prompts, completions), kept in key order so that list
 * pages are stable. Items may be added and removed while the server runs; listeners hear of every change, which
 * is how sessions learn of it ({@code notifications/.../list_changed}).
 *
 * @param <T> the specification type
 */
public abstract class OrderedRegistry<T> {

    private final ConcurrentSkipListMap<String, T> items = new ConcurrentSkipListMap<>();

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /** The unique key of an item: a tool's name, a resource's URI. */
    protected abstract String keyOf(T item);

    /** Where an item came from, for error messages. */
    protected abstract String sourceOf(T item);

    /** What the items are, for error messages: "tool", "resource". */
    protected abstract String kind();

    /** Checks an item before it is added; throws {@link IllegalArgumentException} saying what is wrong. */
    protected void validate(T item) {
    }

    /**
     * Adds an item.
     *
     * @throws IllegalArgumentException when it is invalid or its key is taken (naming both sources)
     */
    public void add(T item) {
        validate(item);
        String key = keyOf(item);
        T existing = items.putIfAbsent(key, item);
        if (existing != null) {
            throw new IllegalArgumentException("Duplicate MCP " + kind() + " '" + key + "': declared by "
                    + sourceOf(existing) + " and by " + sourceOf(item));
        }
        changed();
    }

    /** Removes an item; {@code false} when there was none with that key. */
    public boolean remove(@Nullable String key) {
        boolean removed = key != null && items.remove(key) != null;
        if (removed) {
            changed();
        }
        return removed;
    }

    /** The item with this key. */
    public Optional<T> find(@Nullable String key) {
        return Optional.ofNullable(key == null ? null : items.get(key));
    }

    /** Every item in key order. */
    public List<T> list() {
        return List.copyOf(items.values());
    }

    /** Whether nothing is registered. */
    public boolean isEmpty() {
        return items.isEmpty();
    }

    /** Calls {@code listener} after every addition or removal. */
    public void addChangeListener(Runnable listener) {
        listeners.add(listener);
    }

    private void changed() {
        listeners.forEach(Runnable::run);
    }
}
