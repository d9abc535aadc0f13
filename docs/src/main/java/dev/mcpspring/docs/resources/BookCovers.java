package dev.mcpspring.docs.resources;

import java.util.Optional;

/** The application's own cover images, as {@link Library} uses them. */
interface BookCovers {

    Optional<byte[]> find(String isbn);
}
