package io.svccfg.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class LogOutputTest {
    @Test
    void keepsTheLinesOfTheStartUntilTheReleaseWithTheTimesTheyWereLoggedAt() {
        PrintStream stderr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setErr(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            LogOutput.hold();
            LogOutput.write(millisAt(LocalTime.of(10, 0, 0, 123_000_000)), "INFO  first", null);
            LogOutput.write(millisAt(LocalTime.of(10, 0, 1, 5_000_000)), "WARN  second", null);
            assertEquals("", out.toString(StandardCharsets.UTF_8));

            LogOutput.release();
            assertEquals("svccfg 10:00:00.123 INFO  first\nsvccfg 10:00:01.005 WARN  second\n",
                    out.toString(StandardCharsets.UTF_8));

            LogOutput.write(millisAt(LocalTime.of(10, 0, 2)), "INFO  after", null);
            assertEquals("svccfg 10:00:00.123 INFO  first\nsvccfg 10:00:01.005 WARN  second\n"
                    + "svccfg 10:00:02.000 INFO  after\n", out.toString(StandardCharsets.UTF_8));
        } finally {
            LogOutput.release();
            System.setErr(stderr);
        }
    }

    private static long millisAt(LocalTime time) {
        return LocalDate.of(2026, 6, 1).atTime(time).atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
    }

    @Test
    void writesTheTimeAsHoursMinutesSecondsAndMillis() {
        assertEquals("09:05:07.045", LogOutput.time(LocalTime.of(9, 5, 7, 45_999_999)));
        assertEquals("23:59:59.999", LogOutput.time(LocalTime.of(23, 59, 59, 999_999_999)));
        assertEquals("00:00:00.000", LogOutput.time(LocalTime.MIDNIGHT));
    }

    @Test
    void agreesWithTheFormatterItReplaces() {
        DateTimeFormatter format = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
        for (long nanos = 0; nanos < 86_400_000_000_000L; nanos += 7_777_777_777L) {
            LocalTime t = LocalTime.ofNanoOfDay(nanos);
            assertEquals(t.format(format), LogOutput.time(t));
        }
    }
}
