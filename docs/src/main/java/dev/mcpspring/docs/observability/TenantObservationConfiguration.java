package dev.mcpspring.docs.observability;

// tag::class[]
import io.micrometer.common.KeyValues;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.mcpspring.observation.DefaultMcpServerObservationConvention;
import dev.mcpspring.observation.McpServerObservationContext;
import dev.mcpspring.observation.McpServerObservationConvention;

@Configuration(proxyBeanMethods = false)
class TenantObservationConfiguration {

    @Bean
    McpServerObservationConvention tenantMcpConvention() {
        return new DefaultMcpServerObservationConvention() {

            @Override
            public KeyValues getLowCardinalityKeyValues(McpServerObservationContext context) {
                String tenant = TenantContext.get();               // on the handler thread, see below
                return super.getLowCardinalityKeyValues(context).and("tenant", tenant == null ? "none" : tenant);
            }
        };
    }
}
// end::class[]
