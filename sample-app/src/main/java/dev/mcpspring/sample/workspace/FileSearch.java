package dev.mcpspring.sample.workspace;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What {@code find_files} found.
 *
 * @param pattern   the glob pattern file names were matched against
 * @param roots     one entry per root the client declared, in its order
 * @param truncated whether the search stopped early (at the match limit or the scan limit), so more files may match
 */
public record FileSearch(String pattern, List<RootSearch> roots, boolean truncated) {

    /**
     * The search in one root.
     *
     * @param uri     the root's URI, as the client declared it
     * @param name    the root's display name, or {@code null}
     * @param status  whether it was searched, and if not why
     * @param matches paths of the matching files relative to the root, with {@code /} separators, sorted
     */
    public record RootSearch(String uri, @Nullable String name, Status status, List<String> matches) {
    }

    /** Whether a root was searched. */
    public enum Status {
        /** The root is a local directory and was searched. */
        SEARCHED,
        /** The root is not a {@code file:} URI (or not a valid URI), so there is nothing local to search. */
        NOT_A_FILE_URI,
        /** The root names no directory on this machine (the client may run elsewhere). */
        NOT_FOUND
    }
}
