package dev.mcpspring.docs.peer;

import org.springframework.stereotype.Component;

import dev.mcpspring.annotation.McpTool;
import dev.mcpspring.protocol.SamplingRequest;
import dev.mcpspring.server.PeerHandle;
import dev.mcpspring.server.TypedElicitationResult;

@Component
class ReleaseTools {

    private final GitHistory git;

    private final ReleasePublisher publisher;

    ReleaseTools(GitHistory git, ReleasePublisher publisher) {
        this.git = git;
        this.publisher = publisher;
    }

    // tag::release-note[]
    @McpTool(description = "Draft a release note and let the user approve it")
    String releaseNote(String version, PeerHandle peer) {
        // runs in the first round only; later rounds read it back from the sealed request state
        String changes = peer.requestState().computeIfAbsent("changes", String.class, () -> git.changesSince(version));
        String draft = peer.withInputKey("draft")
            .sample(SamplingRequest.ofUserText("Write a release note for: " + changes, 400)).text();
        record Approval(boolean approve) {}
        TypedElicitationResult<Approval> approval = peer.withInputKey("approval")
            .elicit("Publish this?\n" + draft, Approval.class);   // content() is null unless accepted
        return approval.isAccepted() && approval.content().approve() ? publisher.publish(version, draft)
                : "not published";
    }
    // end::release-note[]

    /** The application's access to its repository. */
    interface GitHistory {
        String changesSince(String version);
    }

    /** Where the application publishes release notes. */
    interface ReleasePublisher {
        String publish(String version, String note);
    }
}
