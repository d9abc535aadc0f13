package dev.mcpspring.docs.resources;

import java.util.stream.Stream;

/** The application's own book store, as {@link Library} uses it. */
interface BookCatalog {

    Stream<String> isbnsStartingWith(String prefix);
}
