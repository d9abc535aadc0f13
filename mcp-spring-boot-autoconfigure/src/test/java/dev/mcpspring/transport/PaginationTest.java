package dev.mcpspring.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.protocol.McpException;
import dev.mcpspring.server.internal.Pagination;

/**
 * {@link Pagination}: cursor pages over a sorted list. (Kept with the transport tests because it backs
 * {@code tools/list} paging, tested over HTTP in {@link ToolsPaginationHttpTests}.)
 */
class PaginationTest {

    private static final List<String> ITEMS = List.of("a", "b", "c", "d", "e");

    @Test
    void walksEveryItemOnceInOrder() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Pagination.Page<String> page = Pagination.page(ITEMS, Function.identity(), cursor, 2);
            seen.addAll(page.items());
            cursor = page.nextCursor();
            pages++;
        }
        while (cursor != null);

        assertThat(seen).isEqualTo(ITEMS);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void theLastPageHasNoNextCursor() {
        Pagination.Page<String> page = Pagination.page(ITEMS, Function.identity(), null, 5);

        assertThat(page.items()).isEqualTo(ITEMS);
        assertThat(page.nextCursor()).isNull();
    }

    @Test
    void anExactlyFullLastPageHasNoNextCursor() {
        Pagination.Page<String> first = Pagination.page(List.of("a", "b", "c", "d"), Function.identity(), null, 2);
        Pagination.Page<String> second = Pagination.page(List.of("a", "b", "c", "d"), Function.identity(),
                first.nextCursor(), 2);

        assertThat(second.items()).containsExactly("c", "d");
        assertThat(second.nextCursor()).isNull();
    }

    @Test
    void anEmptyListIsOneEmptyPage() {
        Pagination.Page<String> page = Pagination.page(List.of(), Function.identity(), null, 3);

        assertThat(page.items()).isEmpty();
        assertThat(page.nextCursor()).isNull();
    }

    @Test
    void cursorsAreStableAndOpaqueVisibleAscii() {
        String first = Pagination.page(ITEMS, Function.identity(), null, 2).nextCursor();
        String again = Pagination.page(ITEMS, Function.identity(), null, 2).nextCursor();

        assertThat(first).isEqualTo(again).matches("[A-Za-z0-9_-]+").doesNotContain("b");
    }

    @Test
    void aCursorStaysCorrectWhenItemsAreAddedOrRemovedBetweenPages() {
        String cursor = Pagination.page(ITEMS, Function.identity(), null, 2).nextCursor();

        Pagination.Page<String> afterRemoval = Pagination.page(List.of("a", "c", "d", "e"), Function.identity(),
                cursor, 2);
        assertThat(afterRemoval.items()).containsExactly("c", "d");

        Pagination.Page<String> afterInsertion = Pagination.page(List.of("a", "aa", "b", "bb", "c", "d", "e"),
                Function.identity(), cursor, 2);
        assertThat(afterInsertion.items()).containsExactly("bb", "c");

        Pagination.Page<String> lastKeyGone = Pagination.page(List.of("a", "c", "d"), Function.identity(), cursor,
                2);
        assertThat(lastKeyGone.items()).containsExactly("c", "d");
    }

    @Test
    void aCursorPastTheEndGivesAnEmptyLastPage() {
        String cursor = Pagination.page(List.of("x", "y", "z"), Function.identity(), null, 2).nextCursor();

        Pagination.Page<String> page = Pagination.page(List.of("a", "b"), Function.identity(), cursor, 2);

        assertThat(page.items()).isEmpty();
        assertThat(page.nextCursor()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "garbage!", "%%%", "YWZ0ZXI", "Zm9vOmJhcg" })
    void aCursorThisServerDidNotMakeIsInvalidParams(String cursor) {
        assertThatThrownBy(() -> Pagination.page(ITEMS, Function.identity(), cursor, 2))
            .isInstanceOfSatisfying(McpException.class, ex -> {
                assertThat(ex.code()).isEqualTo(ErrorCodes.INVALID_PARAMS);
                assertThat(ex.getMessage()).contains("cursor");
            });
    }

    @Test
    void aForgedButWellFormedCursorIsAcceptedAsAPosition() {
        String forged = Base64.getUrlEncoder().withoutPadding()
            .encodeToString("after:c".getBytes(StandardCharsets.UTF_8));

        assertThat(Pagination.page(ITEMS, Function.identity(), forged, 10).items()).containsExactly("d", "e");
    }
}
