package io.svccfg.cli;

import io.svccfg.status.StatusReport;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code status [PID] [--json]}: what the agent in a running JVM did and why, for people or for programs; with no
 * PID, one line for each JVM of this user that runs svccfg. The agent answers through the Attach API's agent
 * properties (see {@link StatusReport}): no JMX connector is started in the target, no port opened, no Java
 * serialization used.
 */
record StatusCommand(Long pid, boolean json) {

    static StatusCommand parse(List<String> args) throws UsageException {
        boolean json = args.contains("--json");
        List<String> rest = args.stream().filter(a -> !a.equals("--json")).toList();
        if (rest.size() > 1 || (rest.size() == 1 && rest.get(0).startsWith("-"))) {
            throw new UsageException("status takes [PID] [--json], like: status 12345");
        }
        return new StatusCommand(rest.isEmpty() ? null : TargetJvm.pid(rest.get(0)), json);
    }

    int run(PrintStream out, PrintStream err) throws UsageException {
        if (pid == null) {
            return list(out);
        }
        String answer;
        try (TargetJvm target = TargetJvm.attach(pid)) {
            answer = target.agentProperty(json ? StatusReport.STATUS_JSON : StatusReport.STATUS_TEXT);
        } catch (IOException e) {
            throw new UsageException("cannot read svccfg's state in process " + pid + ": " + e.getMessage());
        }
        if (answer == null) {
            throw new UsageException("process " + pid + " does not run the svccfg agent (or runs one older than"
                    + " this command: no " + StatusReport.STATUS_JSON + " agent property)");
        }
        out.print(json ? answer + "\n" : answer);
        return Main.OK;
    }

    /** Every JVM of this user that runs svccfg, one line (or one JSON object of a list) each. */
    private int list(PrintStream out) {
        List<String> rows = new ArrayList<>();
        for (long candidate : AgentJvms.candidates()) {
            try (TargetJvm target = TargetJvm.attach(candidate)) {
                String row = target.agentProperty(json ? StatusReport.SUMMARY_JSON : StatusReport.SUMMARY_TEXT);
                if (row != null) {
                    rows.add(row);
                }
            } catch (UsageException | IOException e) {
                // gone meanwhile, or not ours to attach to: not listed
            }
        }
        if (json) {
            out.println("[" + String.join(",", rows) + "]");
        } else if (rows.isEmpty()) {
            out.println("no JVM of this user runs svccfg");
        } else {
            out.println(StatusReport.summaryHeader());
            rows.forEach(out::println);
        }
        return Main.OK;
    }
}
