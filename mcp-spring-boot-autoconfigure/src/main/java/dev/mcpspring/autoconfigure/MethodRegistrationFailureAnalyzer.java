package dev.mcpspring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.mcpspring.annotation.internal.MethodRegistrationException;

/**
 * Shows annotated MCP methods that cannot be registered (a duplicate tool name, a parameter that JSON cannot
 * describe, a private method on a proxy, ...) as Spring Boot's start-up failure report, instead of a stack trace
 * whose cause is many lines down.
 */
class MethodRegistrationFailureAnalyzer extends AbstractFailureAnalyzer<MethodRegistrationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MethodRegistrationException cause) {
        return new FailureAnalysis(cause.getMessage(), "Change the methods named above so that they can be "
                + "registered: each names its bean and the reason. How tools, resources, prompts and completions are "
                + "found and what they may take is described in the starter's docs/tools.md and "
                + "docs/resources-prompts-completions.md.", cause);
    }
}
