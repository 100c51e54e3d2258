package io.svccfg.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class StderrLoggerTest {
    @Test
    void writesTheTimeAsHoursMinutesSecondsAndMillis() {
        assertEquals("09:05:07.045", StderrLogger.time(LocalTime.of(9, 5, 7, 45_999_999)));
        assertEquals("23:59:59.999", StderrLogger.time(LocalTime.of(23, 59, 59, 999_999_999)));
        assertEquals("00:00:00.000", StderrLogger.time(LocalTime.MIDNIGHT));
    }

    @Test
    void agreesWithTheFormatterItReplaces() {
        DateTimeFormatter format = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
        for (long nanos = 0; nanos < 86_400_000_000_000L; nanos += 7_777_777_777L) {
            LocalTime t = LocalTime.ofNanoOfDay(nanos);
            assertEquals(t.format(format), StderrLogger.time(t));
        }
    }
}
