package dev.mcpspring.docs.observability;

// tag::class[]
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskDecorator;

import dev.mcpspring.autoconfigure.McpTaskDecorator;

@Configuration(proxyBeanMethods = false)
class TenantTaskDecoratorConfiguration {

    @Bean(defaultCandidate = false)
    @McpTaskDecorator
    TaskDecorator tenantTaskDecorator() {
        return task -> {
            String tenant = TenantContext.get();          // on the request thread
            return () -> {
                TenantContext.set(tenant);                 // on the handler thread
                try {
                    task.run();
                }
                finally {
                    TenantContext.clear();                 // nothing stays for the next task
                }
            };
        };
    }
}
// end::class[]
