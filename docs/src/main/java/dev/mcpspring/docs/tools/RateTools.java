package dev.mcpspring.docs.tools;

// tag::class[]
import java.util.concurrent.CompletableFuture;

import org.springframework.stereotype.Component;

import dev.mcpspring.annotation.McpTool;

@Component
class RateTools {

    private final RateClient rates;

    RateTools(RateClient rates) {
        this.rates = rates;
    }

    @McpTool(description = "Exchange rate between two currencies", readOnlyHint = true)
    CompletableFuture<Double> rate(String from, String to) {
        return rates.fetch(from, to);          // cancelling the request cancels this future
    }

    interface RateClient {
        CompletableFuture<Double> fetch(String from, String to);
    }
}
// end::class[]
