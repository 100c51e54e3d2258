package io.svccfg.demo;

import java.util.Arrays;

/**
 * {@code java -jar svccfg-demo.jar [COMMAND ARGS...]}: with no command, the demo of the patent's FIG. 1; otherwise
 * one of its parts, each runnable alone.
 */
public final class DemoMain {
    private DemoMain() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "demo" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (command) {
            case "http" -> HttpService.main(rest);
            default -> {
                System.err.println("svccfg-demo: unknown command " + command + ": expected one of http");
                System.exit(2);
            }
        }
    }
}
