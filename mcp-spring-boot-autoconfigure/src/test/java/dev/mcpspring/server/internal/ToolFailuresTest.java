package dev.mcpspring.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.util.Assert;

/**
 * What a client reads of a tool's failure: the application's own words, never a library's description of the
 * server's insides, even when the library's exception is one an application also throws.
 */
class ToolFailuresTest {

    private static final String HIDDEN = "Tool 'find' failed: an unexpected error occurred (the server log has the "
            + "details)";

    @Test
    void theMessagesOfTheApplicationsOwnExceptionsArePassedOn() {
        assertThat(ToolFailures.describe("find", new OrderNotFoundException("no order 42")))
            .isEqualTo("Tool 'find' failed: no order 42");
    }

    @Test
    void anArgumentRefusedByTheApplicationsCodeSaysWhy() {
        IllegalArgumentException refused = new IllegalArgumentException("give a city");

        assertThat(ToolFailures.describe("find", refused)).isEqualTo("Tool 'find' failed: give a city");
        assertThat(ToolFailures.isRefusedInput(refused)).isTrue();
        assertThat(ToolFailures.describe("find", new IllegalStateException("the board is closed")))
            .isEqualTo("Tool 'find' failed: the board is closed");
    }

    @Test
    void anArgumentRefusedThroughSpringsAssertSaysWhyToo() {
        IllegalArgumentException refused = thrown(() -> Assert.hasText("", "give a city"));

        assertThat(ToolFailures.describe("find", refused)).isEqualTo("Tool 'find' failed: give a city");
    }

    @Test
    void anIllegalArgumentThrownInsideALibraryIsHidden() {
        IllegalArgumentException enumConstant = thrown(() -> Thread.State.valueOf("urgent"));
        IllegalArgumentException query = new IllegalArgumentException("Could not resolve attribute 'nosuch' of "
                + "'com.example.Customer' [select c from Customer c order by c.nosuch]");
        query.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("org.hibernate.query.sqm.internal.QuerySqmImpl", "<init>", null, 1),
                new StackTraceElement("com.example.OrderTools", "search", null, 2) });
        UnsupportedOperationException immutable = thrown(() -> List.of().add(null));

        assertThat(ToolFailures.describe("find", enumConstant)).isEqualTo(HIDDEN);
        assertThat(ToolFailures.describe("find", query)).isEqualTo(HIDDEN);
        assertThat(ToolFailures.describe("find", immutable)).isEqualTo(HIDDEN);
        assertThat(ToolFailures.isRefusedInput(enumConstant)).as("a fault of the server, logged in full").isFalse();
    }

    @Test
    void theMessagesOfLibraryExceptionsAreHidden() {
        assertThat(ToolFailures.describe("find", new SQLException("Table \"SECRET_TABLE\" not found; SQL "
                + "statement: select * from secret_table"))).isEqualTo(HIDDEN);
        assertThat(ToolFailures.describe("find", new NullPointerException("Cannot invoke \"String.length()\"")))
            .isEqualTo(HIDDEN);
    }

    @Test
    void aCallerThatMethodSecurityTurnedAwayIsToldAccessWasDenied() {
        AccessDeniedException denied = new AccessDeniedException("Access Denied");
        AuthorizationDeniedException preAuthorize = new AuthorizationDeniedException("Access Denied",
                new AuthorizationDecision(false));

        assertThat(ToolFailures.describe("find", denied)).isEqualTo("Tool 'find' failed: access denied");
        assertThat(ToolFailures.describe("find", preAuthorize)).isEqualTo("Tool 'find' failed: access denied");
        assertThat(ToolFailures.isAccessDenied(preAuthorize)).isTrue();
        assertThat(ToolFailures.describe("find", new AuthenticationCredentialsNotFoundException("An Authentication "
                + "object was not found in the SecurityContext"))).isEqualTo("Tool 'find' failed: access denied");
        assertThat(ToolFailures.isAccessDenied(new IllegalArgumentException("x"))).isFalse();
    }

    @SuppressWarnings("unchecked")
    private static <T extends RuntimeException> T thrown(Runnable action) {
        try {
            action.run();
        }
        catch (RuntimeException ex) {
            return (T) ex;
        }
        throw new AssertionError("nothing thrown");
    }

    static final class OrderNotFoundException extends RuntimeException {

        OrderNotFoundException(String message) {
            super(message);
        }
    }
}
