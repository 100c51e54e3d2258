package io.svccfg.cli;

import io.svccfg.admin.FleetRecords;
import io.svccfg.admin.RecordDiff;
import io.svccfg.admin.Zone;
import io.svccfg.admin.ZoneException;
import io.svccfg.admin.ZoneState;
import io.svccfg.config.HostPort;
import io.svccfg.config.OptionValues;
import io.svccfg.config.TsigKey;
import io.svccfg.fleet.Fleet;
import io.svccfg.fleet.FleetFile;
import io.svccfg.fleet.FleetFileException;
import io.svccfg.placement.ImpossibleFleetException;
import io.svccfg.placement.Placement;
import io.svccfg.placement.Planner;
import io.svccfg.status.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code plan FLEET.yaml [--dns HOST[:PORT]]... [--tsig NAME:ALG:SECRET] [--json]} and {@code apply} (the same, then
 * the change written as one signed RFC 2136 update): the administrator's two commands.
 */
record PlanCommand(boolean apply, Path file, List<HostPort> dns, Optional<TsigKey> tsig, boolean json) {

    static PlanCommand parse(boolean apply, List<String> args) throws UsageException {
        String command = apply ? "apply" : "plan";
        List<String> positional = new ArrayList<>();
        List<HostPort> dns = new ArrayList<>();
        Optional<TsigKey> tsig = Optional.empty();
        boolean json = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--json")) {
                json = true;
            } else if (arg.equals("--dns") || arg.startsWith("--dns=")) {
                dns.add(CommandValues.dns(args, i));
                i += CommandValues.taken(args, i, "--dns");
            } else if (arg.equals("--tsig") || arg.startsWith("--tsig=")) {
                String value = CommandValues.value(args, i, "--tsig", "NAME:ALGORITHM:SECRET");
                i += CommandValues.taken(args, i, "--tsig");
                tsig = Optional.of(CommandValues.valid("--tsig", "NAME:ALGORITHM:BASE64SECRET, like"
                        + " svccfg-admin:hmac-sha256:c2VjcmV0...", () -> OptionValues.tsig(value)));
            } else if (arg.startsWith("-")) {
                throw new UsageException("unknown option '" + arg + "' for " + command + ": expected --dns HOST[:PORT],"
                        + " --tsig NAME:ALGORITHM:SECRET or --json");
            } else {
                positional.add(arg);
            }
        }
        if (positional.size() != 1) {
            throw new UsageException(command + " needs one fleet file, like: " + command + " fleet.yaml --dns"
                    + " 127.0.0.1");
        }
        if (apply && tsig.isEmpty()) {
            throw new UsageException("apply needs --tsig NAME:ALGORITHM:SECRET: the key the primary accepts updates"
                    + " signed with");
        }
        return new PlanCommand(apply, Path.of(positional.get(0)), dns, tsig, json);
    }

    int run(PrintStream out, PrintStream err) {
        try {
            Fleet fleet = FleetFile.read(file);
            Zone zone = new Zone(fleet.domain(), dns, tsig);
            ZoneState now = zone.read(fleet);
            Placement placement = Planner.plan(fleet, now.held(fleet));
            RecordDiff diff = RecordDiff.between(now.rrsets(), FleetRecords.of(fleet, placement));
            Long serial = apply && !diff.isEmpty() ? zone.update(now, diff) : null;
            PlanReport report = new PlanReport(fleet, now, placement, diff);
            if (json) {
                Map<String, Object> object = new LinkedHashMap<>(report.json());
                if (apply) {
                    object.put("applied", serial == null ? Map.of("change", false, "serial", now.serial())
                            : Map.of("change", true, "serial", serial));
                }
                out.println(Json.write(object));
            } else {
                out.print(report.text());
                if (apply) {
                    out.println(serial == null ? "no change: DNS holds this plan already (serial " + now.serial() + ")"
                            : "applied: " + diff.deletes().size() + " deleted, " + diff.adds().size()
                                    + " added; serial " + serial);
                }
            }
            return Main.OK;
        } catch (FleetFileException | ZoneException e) {
            err.println("svccfg: " + e.getMessage());
        } catch (ImpossibleFleetException e) {
            err.println("svccfg: " + file + ": the fleet cannot carry its services, nothing written: "
                    + String.join("; ", e.shortfalls()));
        } catch (IOException e) {
            err.println("svccfg: cannot read " + file + ": " + e.getMessage());
        }
        return Main.ERROR;
    }
}
