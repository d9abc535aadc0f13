package dev.mcpspring.docs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the java blocks of Markdown pages against tagged regions of Java sources.
 * <p>
 * A region of a source is marked with a line {@code // tag::name[]} before it and {@code // end::name[]} after
 * it; regions may nest, and the tag lines of nested regions are not part of any region. In a page, every fenced
 * block whose info string is {@code java} must follow (as the nearest non-blank line above its fence) a marker
 * {@code <!-- snippet: dev/mcpspring/docs/tools/WeatherTools.java#name -->} naming a source, relative to the
 * source root, and one of its regions; without {@code #name} the marker names the whole file (its tag lines left
 * out). The block must be the region's text once the common indentation of both is removed (trailing white space
 * and leading or trailing blank lines do not count). Other blocks (yaml, xml, bash, json) are not checked.
 */
final class SnippetChecker {

    private static final Pattern FENCE = Pattern.compile("^(\\s*)(`{3,}|~{3,})\\s*(.*)$");

    private static final Pattern MARKER = Pattern
        .compile("^\\s*<!--\\s*snippet:\\s*([^#\\s]+)(?:#([A-Za-z0-9_.-]+))?\\s*-->\\s*$");

    private static final Pattern ANY_MARKER = Pattern.compile("^\\s*<!--\\s*snippet:.*$");

    private static final Pattern TAG = Pattern.compile("^\\s*//\\s*(tag|end)::([A-Za-z0-9_.-]+)\\[\\]\\s*$");

    /** The regions of every source: path, then region name ({@code ""} for the whole file), then its lines. */
    private final Map<String, Map<String, List<String>>> regions = new LinkedHashMap<>();

    private final List<String> sourceProblems = new ArrayList<>();

    private final Set<String> used = new TreeSet<>();

    private final List<String> pageProblems = new ArrayList<>();

    /**
     * @param sources the text of every Java source, by its path relative to the source root (with {@code /})
     */
    SnippetChecker(Map<String, String> sources) {
        sources.forEach(this::readRegions);
    }

    /** Checks the java blocks of one page; {@code page} names it in the problems reported. */
    SnippetChecker checkPage(String page, String text) {
        List<String> lines = text.lines().toList();
        String fence = null;
        boolean java = false;
        int fenceLine = 0;
        List<String> block = new ArrayList<>();
        String marker = null;
        int markerLine = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher opening = FENCE.matcher(line);
            if (fence == null) {
                if (opening.matches()) {
                    fence = opening.group(2);
                    java = opening.group(3).trim().split("\\s+")[0].equals("java");
                    fenceLine = i + 1;
                    block.clear();
                    if (java && marker == null) {
                        pageProblems.add(page + ":" + fenceLine + ": a java block without a snippet marker (add "
                                + "<!-- snippet: dev/mcpspring/docs/...java#tag --> above it, naming the compiled "
                                + "source it shows)");
                    }
                    else if (!java && marker != null) {
                        pageProblems.add(page + ":" + markerLine + ": a snippet marker that is not followed by a "
                                + "java block");
                    }
                    continue;
                }
                else if (ANY_MARKER.matcher(line).matches()) {
                    if (marker != null) {
                        pageProblems.add(page + ":" + markerLine + ": a snippet marker that is not followed by a "
                                + "java block");
                    }
                    Matcher parsed = MARKER.matcher(line);
                    if (parsed.matches()) {
                        marker = parsed.group(1) + (parsed.group(2) == null ? "" : "#" + parsed.group(2));
                    }
                    else {
                        pageProblems.add(page + ":" + (i + 1) + ": a malformed snippet marker (write "
                                + "<!-- snippet: path/Name.java#tag -->): " + line.trim());
                        marker = null;
                    }
                    markerLine = i + 1;
                    continue;
                }
                else if (!line.isBlank() && marker != null) {
                    pageProblems.add(page + ":" + markerLine + ": a snippet marker that is not followed by a "
                            + "java block");
                }
                if (!line.isBlank()) {
                    marker = null;
                }
            }
            else if (opening.matches() && opening.group(2).charAt(0) == fence.charAt(0)
                    && opening.group(2).length() >= fence.length() && opening.group(3).isBlank()) {
                if (java && marker != null) {
                    compare(page, fenceLine, marker, block);
                }
                fence = null;
                marker = null;
            }
            else {
                block.add(line);
            }
        }
        if (fence != null) {
            pageProblems.add(page + ":" + fenceLine + ": a code block that is never closed");
        }
        else if (marker != null) {
            pageProblems.add(page + ":" + markerLine + ": a snippet marker that is not followed by a java block");
        }
        return this;
    }

    /** What is wrong with the pages checked so far: one line each, with the page and line. */
    List<String> pageProblems() {
        return List.copyOf(pageProblems);
    }

    /** Unbalanced or repeated tags in the sources. */
    List<String> sourceProblems() {
        return List.copyOf(sourceProblems);
    }

    /** The regions ({@code path#name}) that no page checked so far shows: dead snippets. */
    List<String> unusedRegions() {
        List<String> unused = new ArrayList<>();
        regions.forEach((path, named) -> named.keySet().stream()
            .filter(name -> !name.isEmpty())
            .filter(name -> !used.contains(path) && !used.contains(path + "#" + name))
            .forEach(name -> unused.add(path + "#" + name)));
        return unused;
    }

    private void compare(String page, int fenceLine, String marker, List<String> block) {
        int hash = marker.indexOf('#');
        String path = hash < 0 ? marker : marker.substring(0, hash);
        String name = hash < 0 ? "" : marker.substring(hash + 1);
        String where = page + ":" + fenceLine + ": ";
        Map<String, List<String>> named = regions.get(path);
        if (named == null) {
            pageProblems.add(where + "the snippet marker names " + path + ", which is not a source file of the docs "
                    + "module (paths are relative to docs/src/main/java or docs/src/test/java)");
            return;
        }
        List<String> region = named.get(name);
        if (region == null) {
            pageProblems.add(where + "the snippet marker names the tag '" + name + "', which " + path
                    + " does not have (it has " + named.keySet().stream().filter(tag -> !tag.isEmpty()).toList()
                    + ")");
            return;
        }
        used.add(marker);
        List<String> expected = normalize(region);
        List<String> actual = normalize(block);
        if (!expected.equals(actual)) {
            int skipped = 0;
            while (skipped < block.size() && block.get(skipped).isBlank()) {
                skipped++;
            }
            pageProblems.add(where + "the java block differs from " + marker + " (- the source, + the page):\n"
                    + diff(expected, actual, fenceLine + 1 + skipped));
        }
    }

    private void readRegions(String path, String text) {
        Map<String, List<String>> named = new LinkedHashMap<>();
        List<String> whole = new ArrayList<>();
        Map<String, Integer> open = new LinkedHashMap<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher tag = TAG.matcher(line);
            if (!tag.matches()) {
                whole.add(line);
                open.keySet().forEach(name -> named.get(name).add(line));
                continue;
            }
            String name = tag.group(2);
            if (tag.group(1).equals("tag")) {
                if (named.containsKey(name)) {
                    sourceProblems.add(path + ":" + (i + 1) + ": the tag '" + name + "' is opened a second time");
                    continue;
                }
                named.put(name, new ArrayList<>());
                open.put(name, i + 1);
            }
            else if (open.remove(name) == null) {
                sourceProblems.add(path + ":" + (i + 1) + ": end::" + name + "[] without a tag::" + name + "[] "
                        + "before it");
            }
        }
        open.forEach((name, line) -> sourceProblems.add(path + ":" + line + ": tag::" + name + "[] is never ended "
                + "with end::" + name + "[]"));
        named.put("", whole);
        regions.put(path, named);
    }

    /**
     * The lines without trailing white space, leading and trailing blank lines, and the indentation common to
     * the others.
     */
    static List<String> normalize(List<String> lines) {
        List<String> stripped = new ArrayList<>(lines.stream().map(String::stripTrailing).toList());
        while (!stripped.isEmpty() && stripped.get(0).isEmpty()) {
            stripped.remove(0);
        }
        while (!stripped.isEmpty() && stripped.get(stripped.size() - 1).isEmpty()) {
            stripped.remove(stripped.size() - 1);
        }
        int indent = stripped.stream()
            .filter(line -> !line.isEmpty())
            .mapToInt(line -> line.length() - line.stripLeading().length())
            .min()
            .orElse(0);
        return stripped.stream().map(line -> line.isEmpty() ? line : line.substring(indent)).toList();
    }

    /**
     * A line diff of {@code expected} (the source) and {@code actual} (the page): {@code -} for a line only the
     * source has, {@code +} for one only the page has (with its line number in the page, the first line of
     * {@code actual} being {@code firstLine}), and two lines of context around each change.
     */
    static String diff(List<String> expected, List<String> actual, int firstLine) {
        int[][] common = new int[expected.size() + 1][actual.size() + 1];
        for (int i = expected.size() - 1; i >= 0; i--) {
            for (int j = actual.size() - 1; j >= 0; j--) {
                common[i][j] = expected.get(i).equals(actual.get(j)) ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<String> out = new ArrayList<>();
        List<Boolean> changed = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < expected.size() || j < actual.size()) {
            if (i < expected.size() && j < actual.size() && expected.get(i).equals(actual.get(j))) {
                out.add(String.format("  %5d    %s", firstLine + j, actual.get(j)));
                changed.add(false);
                i++;
                j++;
            }
            else if (i < expected.size() && (j == actual.size() || common[i + 1][j] >= common[i][j + 1])) {
                out.add(String.format("         - %s", expected.get(i)));
                changed.add(true);
                i++;
            }
            else {
                out.add(String.format("  %5d  + %s", firstLine + j, actual.get(j)));
                changed.add(true);
                j++;
            }
        }
        StringBuilder text = new StringBuilder();
        boolean skipping = false;
        for (int k = 0; k < out.size(); k++) {
            boolean near = false;
            for (int d = Math.max(0, k - 2); d <= Math.min(out.size() - 1, k + 2); d++) {
                near |= changed.get(d);
            }
            if (near) {
                text.append(out.get(k)).append('\n');
                skipping = false;
            }
            else if (!skipping) {
                text.append("         ...\n");
                skipping = true;
            }
        }
        return text.toString();
    }
}
