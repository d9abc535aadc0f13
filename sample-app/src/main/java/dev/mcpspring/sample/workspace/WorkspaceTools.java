package dev.mcpspring.sample.workspace;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.mcpspring.annotation.McpTool;
import dev.mcpspring.annotation.McpToolParam;
import dev.mcpspring.protocol.LoggingLevel;
import dev.mcpspring.protocol.Root;
import dev.mcpspring.sample.workspace.FileSearch.RootSearch;
import dev.mcpspring.sample.workspace.FileSearch.Status;
import dev.mcpspring.server.PeerHandle;

/**
 * Roots: a tool that works inside the directories the client shares with the server.
 * <p>
 * {@code find_files} asks the client for its roots ({@code roots/list}) and searches the ones that are local
 * directories for file names matching a glob. Reading the local disk only makes sense when the server runs on the
 * client's machine; a root that is not a {@code file:} URI, or names no directory here, is reported and skipped.
 * The search is kept safe and cheap: it only lists names (never reads a file), never leaves a root (symbolic links
 * are not followed), skips hidden directories and build output, and stops at a depth, a number of matches and a
 * number of entries scanned.
 */
@Component
public class WorkspaceTools {

    static final int MAX_DEPTH = 12;

    static final int DEFAULT_LIMIT = 50;

    static final int MAX_LIMIT = 500;

    /** Entries looked at per call, over all roots. */
    static final int MAX_SCANNED = 20_000;

    /** Directories that hold generated or third-party files nobody searches for. */
    static final Set<String> SKIPPED_DIRECTORIES = Set.of("node_modules", "target", "build", "dist", "out");

    @McpTool(name = "find_files", title = "Find files in the workspace",
            description = "Finds files whose name matches a glob pattern (for example *.md or Test*.java) in the "
                    + "client's workspace roots; returns their paths relative to each root",
            readOnlyHint = true, idempotentHint = true, openWorldHint = false)
    public FileSearch findFiles(
            @McpToolParam(description = "Glob pattern for file names (not paths), for example *.md or "
                    + "{README,LICENSE}*") String pattern,
            @McpToolParam(description = "Most matches to return, 1 to 500; 50 when omitted",
                    required = false) @Nullable Integer limit,
            PeerHandle peer) {
        int maxMatches = limit == null ? DEFAULT_LIMIT : limit;
        if (maxMatches < 1 || maxMatches > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", not " + maxMatches);
        }
        PathMatcher matcher = fileNameMatcher(pattern);
        if (!peer.clientSupport().roots()) {
            throw new IllegalStateException("This client does not share workspace roots (no roots capability), "
                    + "so there is no workspace to search");
        }
        List<Root> roots = peer.listRoots();
        Search search = new Search(matcher, maxMatches, peer);
        List<RootSearch> results = new ArrayList<>(roots.size());
        for (Root root : roots) {
            results.add(search.in(root));
        }
        return new FileSearch(pattern, results, search.truncated);
    }

    private static PathMatcher fileNameMatcher(String pattern) {
        if (pattern.isBlank() || pattern.contains("/") || pattern.contains("\\")) {
            throw new IllegalArgumentException("pattern must be a glob for file names without directories, for "
                    + "example *.md, but was '" + pattern + "'");
        }
        try {
            return FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        }
        catch (PatternSyntaxException ex) {
            throw new IllegalArgumentException("pattern is not a valid glob: " + ex.getDescription());
        }
    }

    /** One call's search over the roots, sharing its limits. */
    private static final class Search {

        private final PathMatcher matcher;

        private final int maxMatches;

        private final PeerHandle peer;

        private int matched;

        private int scanned;

        private boolean truncated;

        Search(PathMatcher matcher, int maxMatches, PeerHandle peer) {
            this.matcher = matcher;
            this.maxMatches = maxMatches;
            this.peer = peer;
        }

        RootSearch in(Root root) {
            Path directory = localDirectory(root.uri());
            if (directory == null) {
                skip(root, "it is not a file: URI");
                return new RootSearch(root.uri(), root.name(), Status.NOT_A_FILE_URI, List.of());
            }
            if (!Files.isDirectory(directory)) {
                skip(root, "there is no such directory on the server's machine");
                return new RootSearch(root.uri(), root.name(), Status.NOT_FOUND, List.of());
            }
            List<String> matches = new ArrayList<>();
            try {
                Files.walkFileTree(directory, EnumSet.noneOf(FileVisitOption.class), MAX_DEPTH,
                        new Collector(directory, matches));
            }
            catch (IOException ex) {
                skip(root, "it could not be read (" + ex.getMessage() + ")");
            }
            matches.sort(null);
            return new RootSearch(root.uri(), root.name(), Status.SEARCHED, List.copyOf(matches));
        }

        private void skip(Root root, String why) {
            peer.log(LoggingLevel.WARNING, "find_files", "Skipped root " + root.uri() + ": " + why);
        }

        /** The directory a root names, or {@code null} when it is not a usable {@code file:} URI. */
        private static @Nullable Path localDirectory(String uri) {
            try {
                URI parsed = new URI(uri);
                if (!"file".equalsIgnoreCase(parsed.getScheme())) {
                    return null;
                }
                return Path.of(parsed).toAbsolutePath().normalize();
            }
            catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException ex) {
                return null;
            }
        }

        private final class Collector extends SimpleFileVisitor<Path> {

            private final Path root;

            private final List<String> matches;

            Collector(Path root, List<String> matches) {
                this.root = root;
                this.matches = matches;
            }

            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                if (stop()) {
                    return FileVisitResult.TERMINATE;
                }
                String name = dir.equals(root) ? "" : dir.getFileName().toString();
                return name.startsWith(".") || SKIPPED_DIRECTORIES.contains(name) ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (stop()) {
                    return FileVisitResult.TERMINATE;
                }
                if (attributes.isRegularFile() && matcher.matches(file.getFileName())) {
                    matches.add(root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/"));
                    matched++;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException ex) {
                // unreadable entries are skipped, not fatal
                return stop() ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
            }

            private boolean stop() {
                if (peer.isCancelled()) {
                    return true;
                }
                if (matched >= maxMatches || ++scanned > MAX_SCANNED) {
                    truncated = true;
                    return true;
                }
                return false;
            }
        }
    }
}
