package dev.mcpspring.docs.peer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Stand-ins for the application's own beans that {@link ReleaseTools} uses. */
@Configuration(proxyBeanMethods = false)
class ReleaseToolsTestBeans {

    @Bean
    ReleaseTools.GitHistory gitHistory() {
        return version -> "nothing since " + version;
    }

    @Bean
    ReleaseTools.ReleasePublisher releasePublisher() {
        return (version, note) -> "published " + version;
    }
}
