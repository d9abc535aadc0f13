package dev.mcpspring.docs.tools;

import java.util.concurrent.CompletableFuture;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A stand-in for the application's own client that {@link RateTools} uses. */
@Configuration(proxyBeanMethods = false)
class RateToolsTestBeans {

    @Bean
    RateTools.RateClient rateClient() {
        return (from, to) -> CompletableFuture.completedFuture(1.0);
    }
}
