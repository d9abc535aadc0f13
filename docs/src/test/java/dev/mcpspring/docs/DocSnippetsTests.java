package dev.mcpspring.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every java block of the README and of {@code docs/*.md} is the tagged region of a compiled source of this module
 * (see {@link SnippetChecker}), every tagged region is shown by a page, and the links between the pages lead
 * somewhere.
 */
class DocSnippetsTests {

    /** The repository root: the tests run in {@code docs/}. */
    private static final Path ROOT = Path.of("..");

    /** Where the snippets are: the example classes, and the tests of the testing page (a package of the tests). */
    private static final Map<Path, String> SOURCES = Map.of(Path.of("src", "main", "java"), "",
            Path.of("src", "test", "java"), "dev/mcpspring/docs/testing/");

    private static Map<String, String> pages;

    private static SnippetChecker checker;

    @BeforeAll
    static void readPagesAndSources() throws IOException {
        pages = new LinkedHashMap<>();
        pages.put("README.md", Files.readString(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("."))) {
            docs.filter(path -> path.getFileName().toString().endsWith(".md"))
                .sorted()
                .forEach(path -> pages.put("docs/" + path.getFileName(), read(path)));
        }
        Map<String, String> sources = new TreeMap<>();
        for (Map.Entry<Path, String> root : SOURCES.entrySet()) {
            try (Stream<Path> files = Files.walk(root.getKey())) {
                files.filter(path -> path.toString().endsWith(".java"))
                    .forEach(path -> {
                        String name = root.getKey().relativize(path).toString().replace('\\', '/');
                        if (name.startsWith(root.getValue())) {
                            sources.put(name, read(path));
                        }
                    });
            }
        }
        checker = new SnippetChecker(sources);
        pages.forEach(checker::checkPage);
    }

    @Test
    void thePagesAreThere() {
        assertThat(pages).containsKeys("README.md", "docs/tools.md", "docs/peer-handle.md",
                "docs/resources-prompts-completions.md", "docs/configuration.md", "docs/security.md",
                "docs/sessions-and-scale-out.md", "docs/observability.md", "docs/testing.md", "docs/conformance.md",
                "docs/performance.md", "docs/migrating-from-spring-ai.md", "docs/architecture.md", "docs/stdio.md");
    }

    @Test
    void everyJavaBlockIsTheRegionOfACompiledSource() {
        assertThat(checker.pageProblems()).as("java blocks of the pages that are not compiled snippets")
            .isEmpty();
    }

    @Test
    void theTagsOfTheSourcesAreBalanced() {
        assertThat(checker.sourceProblems()).isEmpty();
    }

    @Test
    void everyTaggedRegionIsShownByAPage() {
        assertThat(checker.unusedRegions()).as("tagged regions that no page shows (show them, or remove the tags)")
            .isEmpty();
    }

    @Test
    void linksBetweenThePagesLeadSomewhere() {
        List<String> broken = new ArrayList<>();
        pages.forEach((page, text) -> broken.addAll(Links.broken(ROOT, page, text)));
        assertThat(broken).as("links to files or headings that do not exist").isEmpty();
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The checker itself, on small pages and sources: it must be able to fail. */
    @Nested
    class Checker {

        private static final String SOURCE = """
                package demo;

                // tag::class[]
                import java.util.List;

                class Demo {

                    // tag::method[]
                    List<String> names() {
                        return List.of("a");
                    }
                    // end::method[]
                }
                // end::class[]
                """;

        private final SnippetChecker checker = new SnippetChecker(Map.of("demo/Demo.java", SOURCE));

        @Test
        void aBlockThatIsTheRegionPassesWhateverItsIndentation() {
            checker.checkPage("page.md", """
                    Some text.

                    <!-- snippet: demo/Demo.java#method -->
                    ```java
                    List<String> names() {
                        return List.of("a");
                    }
                    ```

                    - in a list:

                      <!-- snippet: demo/Demo.java#class -->
                      ```java
                      import java.util.List;

                      class Demo {

                          List<String> names() {
                              return List.of("a");
                          }
                      }
                      ```
                    """);
            assertThat(checker.pageProblems()).isEmpty();
            assertThat(checker.unusedRegions()).isEmpty();
        }

        @Test
        void aMismatchingBlockIsReportedWithThePageTheLineAndTheDifference() {
            checker.checkPage("page.md", """
                    # Title

                    <!-- snippet: demo/Demo.java#method -->
                    ```java
                    List<String> names() {
                        return List.of("b");
                    }
                    ```
                    """);
            assertThat(checker.pageProblems()).singleElement().asString()
                .startsWith("page.md:4: the java block differs from demo/Demo.java#method (- the source, + the page)")
                .contains("- " + "    return List.of(\"a\");")
                .contains("6  + " + "    return List.of(\"b\");");
        }

        @Test
        void aJavaBlockWithoutMarkerIsReported() {
            checker.checkPage("page.md", """
                    Text.

                    ```java
                    class Other {}
                    ```

                    ```yaml
                    not: checked
                    ```
                    """);
            assertThat(checker.pageProblems()).singleElement().asString()
                .startsWith("page.md:3: a java block without a snippet marker");
        }

        @Test
        void aMarkerNamingAMissingFileOrTagIsReported() {
            checker.checkPage("page.md", """
                    <!-- snippet: demo/Missing.java#method -->
                    ```java
                    List<String> names() {}
                    ```

                    <!-- snippet: demo/Demo.java#nothing -->
                    ```java
                    List<String> names() {}
                    ```
                    """);
            assertThat(checker.pageProblems()).hasSize(2)
                .anySatisfy(problem -> assertThat(problem).startsWith("page.md:2: the snippet marker names "
                        + "demo/Missing.java, which is not a source file"))
                .anySatisfy(problem -> assertThat(problem).startsWith("page.md:7: the snippet marker names the tag "
                        + "'nothing', which demo/Demo.java does not have (it has [class, method])"));
        }

        @Test
        void aMarkerWithoutItsJavaBlockIsReported() {
            checker.checkPage("page.md", """
                    <!-- snippet: demo/Demo.java#method -->
                    Text in between.

                    ```java
                    List<String> names() {}
                    ```
                    """);
            assertThat(checker.pageProblems()).hasSize(2)
                .anySatisfy(problem -> assertThat(problem).startsWith("page.md:1: a snippet marker that is not "
                        + "followed by a java block"))
                .anySatisfy(problem -> assertThat(problem).startsWith("page.md:4: a java block without"));
        }

        @Test
        void aWholeFileMarkerComparesTheFileWithoutItsTagLines() {
            checker.checkPage("page.md", """
                    <!-- snippet: demo/Demo.java -->
                    ```java
                    package demo;

                    import java.util.List;

                    class Demo {

                        List<String> names() {
                            return List.of("a");
                        }
                    }
                    ```
                    """);
            assertThat(checker.pageProblems()).isEmpty();
            assertThat(checker.unusedRegions()).isEmpty();
        }

        @Test
        void aRegionThatNoPageShowsIsReported() {
            checker.checkPage("page.md", """
                    <!-- snippet: demo/Demo.java#method -->
                    ```java
                    List<String> names() {
                        return List.of("a");
                    }
                    ```
                    """);
            assertThat(checker.pageProblems()).isEmpty();
            assertThat(checker.unusedRegions()).containsExactly("demo/Demo.java#class");
        }

        @Test
        void unbalancedTagsAreReported() {
            SnippetChecker broken = new SnippetChecker(Map.of("demo/Broken.java", """
                    // tag::open[]
                    class Broken {
                    // end::other[]
                    }
                    """));
            assertThat(broken.sourceProblems()).containsExactlyInAnyOrder(
                    "demo/Broken.java:3: end::other[] without a tag::other[] before it",
                    "demo/Broken.java:1: tag::open[] is never ended with end::open[]");
        }
    }

    /** The link check, on small pages. */
    @Nested
    class LinkCheck {

        @Test
        void aLinkToAMissingHeadingOrFileIsReported() {
            assertThat(Links.broken(ROOT, "docs/page.md", """
                    # A page

                    See [the tools](tools.md#parameters-and-results), [gone](tools.md#gone),
                    [nothing](nothing.md), [here](#a-page) and [there](#nowhere).
                    """)).containsExactly("docs/page.md:3: tools.md#gone: no such heading",
                    "docs/page.md:4: nothing.md: no such file", "docs/page.md:4: #nowhere: no such heading");
        }

        @Test
        void headingsBecomeAnchorsAsOnGitHub() {
            assertThat(Links.anchors("""
                    # Configuration (`mcp.server.*`)
                    ## Several instances: sessions on Redis
                    ## OAuth 2.0 authorization (MCP 2025-11-25 "Authorization")
                    ```bash
                    # not a heading
                    ```
                    ## Limits
                    ## Limits
                    """)).isEqualTo(Set.of("configuration-mcpserver", "several-instances-sessions-on-redis",
                    "oauth-20-authorization-mcp-2025-11-25-authorization", "limits", "limits-1"));
        }
    }

    /** Relative links of a page: to files that exist, and to headings those files have. */
    static final class Links {

        private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

        private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");

        private Links() {
        }

        /** The broken links of {@code page} (a path relative to {@code root}). */
        static List<String> broken(Path root, String page, String text) {
            List<String> broken = new ArrayList<>();
            Path directory = root.resolve(page).getParent();
            List<String> lines = text.lines().toList();
            boolean inCode = false;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.strip().startsWith("```")) {
                    inCode = !inCode;
                    continue;
                }
                if (inCode) {
                    continue;
                }
                Matcher link = LINK.matcher(line);
                while (link.find()) {
                    String target = link.group(1);
                    if (target.matches("^[a-z]+:.*")) {
                        continue;
                    }
                    int hash = target.indexOf('#');
                    String file = hash < 0 ? target : target.substring(0, hash);
                    String anchor = hash < 0 ? null : target.substring(hash + 1);
                    String where = page + ":" + (i + 1) + ": " + target + ": ";
                    String linked = text;
                    if (!file.isEmpty()) {
                        Path path = directory.resolve(file).normalize();
                        if (!Files.exists(path)) {
                            broken.add(where + "no such file");
                            continue;
                        }
                        if (anchor == null || !file.endsWith(".md")) {
                            continue;
                        }
                        linked = read(path);
                    }
                    if (!anchors(linked).contains(anchor)) {
                        broken.add(where + "no such heading");
                    }
                }
            }
            return broken;
        }

        /** The anchors GitHub gives the headings of a page. */
        static Set<String> anchors(String text) {
            Map<String, Integer> seen = new LinkedHashMap<>();
            Set<String> anchors = new java.util.HashSet<>();
            boolean inCode = false;
            for (String line : text.lines().toList()) {
                if (line.strip().startsWith("```")) {
                    inCode = !inCode;
                    continue;
                }
                Matcher heading = HEADING.matcher(line);
                if (inCode || !heading.matches()) {
                    continue;
                }
                String slug = heading.group(1)
                    .toLowerCase(java.util.Locale.ROOT)
                    .replaceAll("[^\\p{L}\\p{N}\\s_-]", "")
                    .replace(' ', '-');
                int count = seen.merge(slug, 1, Integer::sum);
                anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
            }
            return anchors;
        }
    }
}
