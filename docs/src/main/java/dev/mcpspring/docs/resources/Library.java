package dev.mcpspring.docs.resources;

// tag::class[]
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;

import dev.mcpspring.annotation.McpComplete;
import dev.mcpspring.annotation.McpPrompt;
import dev.mcpspring.annotation.McpPromptArgument;
import dev.mcpspring.annotation.McpResource;
import dev.mcpspring.protocol.PromptMessage;
import dev.mcpspring.protocol.Role;

@Component
class Library {

    private static final List<String> GENRES = List.of("fantasy", "history", "poetry", "science fiction");

    private final BookCatalog catalog;

    private final BookCovers covers;

    Library(BookCatalog catalog, BookCovers covers) {
        this.catalog = catalog;
        this.covers = covers;
    }

    @McpResource(uri = "library://readme", title = "Read me", mimeType = "text/markdown",
                 audience = Role.USER, priority = 0.9, lastModified = "2025-06-18T10:00:00Z")
    String readme() { return "# Library\nAsk for a book."; }

    @McpResource(uri = "library://books/{isbn}/cover", mimeType = "image/png")
    Optional<byte[]> cover(String isbn) { return covers.find(isbn); }          // empty: error -32002

    @McpPrompt(title = "Recommend books", description = "Recommend books of a genre")
    List<PromptMessage> recommend(@McpPromptArgument(description = "The genre") String genre,
                                  @McpPromptArgument(description = "How many", required = false) Integer count) {
        return List.of(PromptMessage.user("Recommend " + (count == null ? 3 : count) + " " + genre + " books."));
    }

    @McpComplete(prompt = "recommend", argument = "genre")
    List<String> genres(String prefix) { return GENRES.stream().filter(g -> g.startsWith(prefix)).toList(); }

    @McpComplete(resource = "library://books/{isbn}/cover", argument = "isbn")
    Stream<String> isbns(String prefix, Map<String, String> chosen) { return catalog.isbnsStartingWith(prefix); }
}
// end::class[]
