package dev.mcpspring.docs.peer;

enum Priority {
    LOW, NORMAL, HIGH
}
