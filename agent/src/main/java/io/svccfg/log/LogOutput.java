package io.svccfg.log;

import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes svccfg's lines to stderr, each after the local time it was logged at. While the agent starts ({@link #hold}
 * to {@link #release}: until the application's first managed bind) the lines are kept and written at the release,
 * with the times they were logged at: a time of day needs the JVM's time-zone rules, 30-40 ms of CPU and JIT that
 * the start-up would otherwise take from the application's first bind.
 */
public final class LogOutput {
    private static final Object LOCK = new Object();
    /** The lines kept since {@link #hold}; null when lines are written at once. */
    private static List<Line> held;
    private static boolean flushAtExit;

    private LogOutput() {
    }

    /** Keeps the lines logged from now on until {@link #release}, or until the JVM exits. */
    public static void hold() {
        synchronized (LOCK) {
            if (held == null) {
                held = new ArrayList<>();
            }
            if (!flushAtExit) {
                flushAtExit = true;
                Runtime.getRuntime().addShutdownHook(new ReleaseAtExit());
            }
        }
    }

    /** Writes the lines kept since {@link #hold}, in order, and the next ones at once. */
    public static void release() {
        // The time-zone rules first, outside the lock: a line logged meanwhile (the first bind's) is kept, at once.
        ZoneId.systemDefault();
        synchronized (LOCK) {
            List<Line> lines = held;
            held = null;
            if (lines != null) {
                for (Line line : lines) {
                    print(line);
                }
            }
        }
    }

    static void write(long millis, String text, Throwable throwable) {
        Line line = new Line(millis, text, throwable);
        synchronized (LOCK) {
            if (held != null) {
                held.add(line);
            } else {
                print(line);
            }
        }
    }

    private static void print(Line line) {
        String time = time(LocalTime.ofInstant(Instant.ofEpochMilli(line.millis()), ZoneId.systemDefault()));
        PrintStream err = System.err;
        synchronized (err) {
            err.println("svccfg " + time + " " + line.text());
            if (line.throwable() != null) {
                line.throwable().printStackTrace(err);
            }
        }
    }

    /**
     * {@code HH:mm:ss.SSS}, written out by hand: {@code DateTimeFormatter} and {@code String.format} cost tens of
     * milliseconds of class loading and JIT at the agent's first line, while the application starts.
     */
    static String time(LocalTime t) {
        StringBuilder text = new StringBuilder(12);
        two(text, t.getHour()).append(':');
        two(text, t.getMinute()).append(':');
        two(text, t.getSecond()).append('.');
        int millis = t.getNano() / 1_000_000;
        return text.append((char) ('0' + millis / 100)).append((char) ('0' + millis / 10 % 10))
                .append((char) ('0' + millis % 10)).toString();
    }

    private static StringBuilder two(StringBuilder text, int value) {
        return text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    /** A line after its time: level, origin and message; and the throwable whose trace follows it, if any. */
    private record Line(long millis, String text, Throwable throwable) {
    }

    /** So that the lines of a JVM that exits before the release are not lost. */
    private static final class ReleaseAtExit extends Thread {
        ReleaseAtExit() {
            super("svccfg-log-at-exit");
        }

        @Override
        public void run() {
            release();
        }
    }
}
