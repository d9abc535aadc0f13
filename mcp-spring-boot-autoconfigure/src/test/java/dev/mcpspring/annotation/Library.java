package dev.mcpspring.annotation;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import dev.mcpspring.protocol.Content;
import dev.mcpspring.protocol.PromptMessage;
import dev.mcpspring.protocol.ResourceContents;
import dev.mcpspring.protocol.Role;
import dev.mcpspring.server.McpRequestContext;
import dev.mcpspring.server.ResourceRead;

/**
 * A small library server made only of annotated methods: fixed resources (text, binary), templates with typed
 * variables, prompts with arguments and every kind of content, and completions of both. Used by the
 * application-context and HTTP tests.
 */
public class Library {

    /** The PNG signature, as the logo's bytes. */
    public static final byte[] LOGO = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

    public enum Format {
        TEXT, JSON
    }

    public record Book(String isbn, String title, int year) {
    }

    static final Map<String, Book> BOOKS = Map.of("978-0134685991", new Book("978-0134685991", "Effective Java", 2018),
            "978-0201633610", new Book("978-0201633610", "Design Patterns", 1994));

    static final List<String> GENRES = List.of("science", "science fiction", "history", "poetry", "satire");

    @McpResource(uri = "library://readme", title = "Read me", description = "How the library works",
            mimeType = "text/markdown", size = 24, audience = { Role.USER, Role.ASSISTANT }, priority = 0.9,
            lastModified = "2025-06-18T10:00:00Z",
            icons = @McpIcon(src = "https://example.com/library.png", mimeType = "image/png", sizes = "48x48"))
    String readme() {
        return "# Library\nAsk for a book.";
    }

    @McpResource(uri = "library://logo", mimeType = "image/png", description = "The library's logo")
    byte[] logo() {
        return LOGO.clone();
    }

    @McpResource(uri = "library://books/{isbn}", name = "book", description = "A book by its ISBN")
    Optional<Book> book(String isbn) {
        return Optional.ofNullable(BOOKS.get(isbn));
    }

    @McpResource(uri = "library://shelves/{shelf}/books/{position}{?format}", name = "shelved-book")
    String shelved(int shelf, int position, Optional<Format> format, McpRequestContext context) {
        return "shelf " + shelf + ", position " + position + " as " + format.orElse(Format.TEXT) + " for session "
                + (context.sessionId() != null);
    }

    @McpResource(uri = "library://files/{+path}", mimeType = "text/plain")
    ResourceContents file(ResourceRead read) {
        return new ResourceContents.Text(null, null, "file " + read.variables().get("path"));
    }

    @McpResource(uri = "library://vault")
    String vault() {
        throw new IllegalStateException("java.sql.SQLException: password=hunter2 rejected by db.internal:5432");
    }

    @McpPrompt(name = "recommend", title = "Recommend books", description = "Recommend books of a genre")
    List<PromptMessage> recommend(
            @McpPromptArgument(title = "Genre", description = "The genre to recommend from") String genre,
            @McpPromptArgument(description = "How many books", required = false) Integer count) {
        int books = count == null ? 3 : count;
        return List.of(PromptMessage.user("Recommend " + books + " " + genre + " books."),
                PromptMessage.assistant("Which era do you prefer?"));
    }

    @McpPrompt(description = "Discuss a cover")
    List<Content> cover(@McpPromptArgument(description = "The book's ISBN") String isbn) {
        return List.of(Content.text("What does this cover say about " + isbn + "?"),
                Content.image("iVBORw0KGgo=", "image/png"), Content.audio("UklGRg==", "audio/wav"),
                Content.resource(new ResourceContents.Text("library://books/" + isbn, "application/json",
                        "{\"isbn\":\"" + isbn + "\"}")));
    }

    @McpPrompt
    String haiku() {
        return "Write a haiku about libraries.";
    }

    @McpPrompt
    String overdue() throws java.io.IOException {
        throw new java.io.IOException("/var/lib/library/loans.db is locked");
    }

    @McpComplete(prompt = "recommend", argument = "genre")
    List<String> genres(String prefix) {
        return GENRES.stream().filter(genre -> genre.startsWith(prefix)).toList();
    }

    @McpComplete(resource = "library://books/{isbn}", argument = "isbn")
    Stream<String> isbns(String prefix) {
        return IntStream.range(0, 250).mapToObj(i -> String.format("978-%010d", i))
            .filter(isbn -> isbn.startsWith(prefix));
    }

    @McpComplete(resource = "library://shelves/{shelf}/books/{position}{?format}", argument = "position")
    List<String> positions(String prefix, Map<String, String> chosen) {
        int shelf = Integer.parseInt(chosen.getOrDefault("shelf", "1"));
        return IntStream.rangeClosed(1, shelf * 2).mapToObj(String::valueOf).filter(p -> p.startsWith(prefix))
            .toList();
    }
}
