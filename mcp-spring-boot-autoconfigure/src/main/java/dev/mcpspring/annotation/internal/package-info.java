/**
 * Internal: not part of the public API; may change in any release without notice.
 * <p>
 * The machinery behind the annotations of {@link dev.mcpspring.annotation}: finding the annotated methods of beans,
 * binding their arguments (JSON arguments, injected parameters, Bean Validation), deriving the JSON Schemas of
 * inputs, outputs and elicitation forms, mapping return values (plain, asynchronous or reactive) to results, and
 * registering the resulting specifications.
 */
@NullMarked
package dev.mcpspring.annotation.internal;

import org.jspecify.annotations.NullMarked;
