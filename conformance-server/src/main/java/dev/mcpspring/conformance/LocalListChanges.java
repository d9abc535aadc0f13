package dev.mcpspring.conformance;

import dev.mcpspring.conformance.DynamicLists.Kind;

/** The changes of a single node: made at once, in this node's registries. */
class LocalListChanges implements ListChanges {

    private final DynamicLists lists;

    LocalListChanges(DynamicLists lists) {
        this.lists = lists;
    }

    @Override
    public synchronized String toggle(Kind kind) {
        boolean add = !lists.isPresent(kind);
        lists.set(kind, add);
        return (add ? "Added " : "Removed ") + kind.itemName();
    }
}
