package io.svccfg.it;

import java.io.IOException;

/**
 * The application that agent tests run under {@code -javaagent}: it prints "app ran" and exits 0. With
 * {@code --until-stdin-closes} it then stays alive until its stdin closes, so that a test can watch the agent's
 * start-up log and end the application when it has seen enough. It opens no socket.
 */
public final class TrivialApp {
    static final String RAN = "app ran";
    static final String UNTIL_STDIN_CLOSES = "--until-stdin-closes";

    private TrivialApp() {
    }

    public static void main(String[] args) throws IOException {
        System.out.println(RAN);
        System.out.flush();
        if (args.length > 0 && args[0].equals(UNTIL_STDIN_CLOSES)) {
            while (System.in.read() >= 0) {
                // Input is not used: only its end matters.
            }
        }
    }
}
