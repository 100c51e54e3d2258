package io.svccfg.it;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real SIP client: Debian's {@code sipsak} (package sipsak) sending one OPTIONS and reporting the reply. sipsak
 * rather than SIPp (sip-tester): one command line per probe, with no scenario file, over UDP or TCP, on a local
 * address of our choosing, and an exit status that says whether a 200 came back (0), another final reply (1), a
 * local error (2) or no reply at all (3).
 *
 * <p>The probe binds its sockets to {@code localIp} ({@code -k}) and names that address in its Via, From and
 * Contact ({@code -H}), so sipsak neither looks up its own host name nor writes 127.0.0.1 where it is not. Over UDP
 * sipsak sends from one socket, connected to the server, and asks for {@code rport}: the server must answer from
 * the address and port the request went to, or the kernel drops the reply (see {@link JainSipServer} on 0.0.0.0).
 */
final class Sipsak {
    enum Transport {
        UDP, TCP;

        String option() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What came back: the status of the last reply sipsak printed ({@link #NO_REPLY} if none), and everything. */
    record Reply(int status, String text) {
    }

    static final int NO_REPLY = 0;
    /** The probe's own address by default: a loopback address of the 127.0.5.x block the SIP tests keep to. */
    static final String CLIENT_IP = "127.0.5.254";

    /**
     * sipsak gives up {@value #TIMEOUT_FACTOR} times T1 (500 ms) after sending: 5 s for TCP, and about 7.5 s for
     * UDP, whose retransmissions (after 0.5, 1, 2 and 4 s) end at the first gap past that. The default, 64, would
     * be 32 s.
     */
    private static final int TIMEOUT_FACTOR = 10;
    /** Only if sipsak itself hangs: the process is killed and the test fails. */
    private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(30);
    /** A status line, as sipsak -vv prints each reply it receives (and once more in its summary). */
    private static final Pattern STATUS_LINE = Pattern.compile("(?m)^\\s*SIP/2\\.0 (\\d{3}) ");

    private Sipsak() {
    }

    /** Sends OPTIONS to {@code host:port} over {@code transport} from {@link #CLIENT_IP}. */
    static Reply options(String host, int port, Transport transport) {
        return options(host, port, transport, CLIENT_IP);
    }

    /** Sends OPTIONS to {@code host:port} over {@code transport} from {@code localIp}, which must be local. */
    static Reply options(String host, int port, Transport transport, String localIp) {
        List<String> command = List.of("sipsak", "-vv", "-E", transport.option(), "-k", localIp, "-H", localIp,
                "-D", String.valueOf(TIMEOUT_FACTOR), "-s", "sip:svccfg-it@" + host + ":" + port);
        ChildProcess.Result result = ChildProcess.run(new ProcessBuilder(command), PROCESS_TIMEOUT);
        int status = NO_REPLY;
        for (Matcher m = STATUS_LINE.matcher(result.stdout()); m.find(); ) {
            status = Integer.parseInt(m.group(1));
        }
        return new Reply(status, result.describe());
    }
}
