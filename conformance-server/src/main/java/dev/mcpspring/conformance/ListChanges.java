package dev.mcpspring.conformance;

import dev.mcpspring.conformance.DynamicLists.Kind;

/**
 * Makes a fixture's change to the lists (see {@link DynamicLists}). On one node the change is made at once; on
 * nodes that share their sessions through Redis ({@link ClusterListChanges}) every node makes it before the tool
 * that asked for it answers, as an application must make a run-time change to its registries on every instance:
 * else {@code tools/list} would answer differently from node to node.
 */
public interface ListChanges {

    /**
     * Adds the tool or prompt of {@code kind} where it is missing, or removes it where it is present.
     *
     * @return what was done, for the fixture's answer
     */
    String toggle(Kind kind);
}
