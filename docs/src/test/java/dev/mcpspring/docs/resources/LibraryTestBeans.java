package dev.mcpspring.docs.resources;

import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Stand-ins for the application's own beans that {@link Library} uses. */
@Configuration(proxyBeanMethods = false)
class LibraryTestBeans {

    @Bean
    BookCatalog bookCatalog() {
        return prefix -> Stream.of("9780261103573", "9780553293357").filter(isbn -> isbn.startsWith(prefix));
    }

    @Bean
    BookCovers bookCovers() {
        return isbn -> Optional.empty();
    }
}
