package io.svccfg.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

/** {@code svccfg.jar status PID --json} of a child JVM, run as a real command, parsed. */
final class AgentStatus {
    private AgentStatus() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> of(ChildJvm jvm, long pid) {
        ChildProcess.Result r = jvm.svccfg("status", String.valueOf(pid), "--json");
        assertEquals(0, r.exitCode(), r.describe());
        return (Map<String, Object>) Json.parse(r.stdout());
    }

    /**
     * Over five polls or more, the agent asks as many DNS questions as it polls: one SOA serial per poll, of one
     * domain, from one server. The two counters are read together but not atomically: a poll may fall between.
     */
    static void assertOneQuestionPerPoll(ChildJvm jvm, long pid) {
        Map<String, Object> before = of(jvm, pid);
        await().atMost(Duration.ofSeconds(30)).until(() -> number(of(jvm, pid), "polls") >= number(before, "polls") + 5);
        Map<String, Object> after = of(jvm, pid);
        long polls = number(after, "polls") - number(before, "polls");
        long questions = number(after, "questions") - number(before, "questions");
        assertTrue(Math.abs(questions - polls) <= 1, polls + " polls asked " + questions + " questions: " + after);
    }

    static long number(Map<String, Object> status, String key) {
        return ((Number) status.get(key)).longValue();
    }
}
