package io.svccfg.demo.fig1;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How a demo runs and tells what it does: numbered steps, their details and what each showed; {@code DEMO OK} last
 * only if every step held, otherwise the step that failed, the servers' last log lines and exit status 1. Everything
 * the demo started stops with it, on Ctrl-C too.
 */
final class DemoRun {
    /** The demo's steps, run against the fleet it starts. */
    @FunctionalInterface
    interface Steps {
        void run(Fleet fleet, DemoRun run) throws StepFailed, InterruptedException;
    }

    private final PrintStream out;
    private int step;

    private DemoRun(PrintStream out) {
        this.out = out;
    }

    /** Runs {@code steps} under the title {@code what}; returns the exit status. */
    static int run(PrintStream out, String what, Steps steps) {
        Path logs;
        Fleet fleet;
        try {
            logs = Files.createTempDirectory("svccfg-demo-");
            fleet = new Fleet(Jars.ofThisJvm(), logs);
        } catch (IOException | RuntimeException e) {
            out.println("DEMO FAILED before it started: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(fleet::close, "svccfg-demo-stop"));
        out.println("svccfg demo: " + what + " (server logs in " + logs + ")");
        DemoRun run = new DemoRun(out);
        try {
            steps.run(fleet, run);
            fleet.close();
            out.println("DEMO OK");
            return 0;
        } catch (StepFailed e) {
            out.println("DEMO FAILED at step " + run.step + ": " + e.getMessage());
            fleet.reportLogs(out);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (RuntimeException e) {
            out.println("DEMO FAILED at step " + run.step + ": the demo itself failed: " + e);
            e.printStackTrace(out);
            fleet.reportLogs(out);
            return 1;
        } finally {
            fleet.close();
        }
    }

    /** The next step's title. */
    void say(String text) {
        out.println();
        out.println(++step + ". " + text);
    }

    void detail(String format, Object... args) {
        out.println("     " + String.format(format, args));
    }

    /** What the step showed, once it held. */
    void ok(String text) {
        out.println("   ok: " + text);
    }

    PrintStream out() {
        return out;
    }
}
