package dev.mcpspring.bench;

import java.util.Arrays;

import dev.mcpspring.bench.bare.BareServerApplication;
import dev.mcpspring.bench.mcp.McpBenchApplication;
import dev.mcpspring.bench.runner.Runner;

/**
 * One jar, three roles: {@code bare} (the hand-written Spring MVC JSON-RPC controller), {@code mcp} (a server built
 * on the starter) and {@code run} (the runner that starts both as separate JVMs, loads them and prints the table).
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: java -jar benchmarks.jar (bare|mcp|run) [options]");
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "bare" -> BareServerApplication.main(rest);
            case "mcp" -> McpBenchApplication.main(rest);
            case "run" -> System.exit(Runner.run(rest));
            default -> {
                System.err.println("unknown role " + args[0] + ": expected bare, mcp or run");
                System.exit(2);
            }
        }
    }
}
