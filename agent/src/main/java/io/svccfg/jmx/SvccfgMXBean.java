package io.svccfg.jmx;

/**
 * What svccfg did to this JVM's listeners and why, as {@code io.svccfg:type=Agent} in the platform MBean server.
 * Counters are plain numbers, for JMX exporters. After every reconfiguration it emits a notification of type
 * {@value AgentView#RECONFIGURED} whose message says what moved.
 */
public interface SvccfgMXBean {
    /** The domains whose SRV records svccfg reads. */
    String[] getDomains();

    /** Each SIP URI of {@code listening-point=}: what its last resolution gave, and when. */
    ListeningPointInfo[] getListeningPoints();

    /** The addresses that count as this host. */
    String[] getIdentity();

    /** Every tuple of the last good read. */
    TupleInfo[] getTuples();

    /** Every managed listener the application has open. */
    ListenerInfo[] getListeners();

    /** The old endpoints of moved TCP listeners that still accept, each for its drain window. */
    DrainInfo[] getDraining();

    /** DNS reads attempted. */
    long getPollCount();

    /** When the last good read ended (ISO-8601), or null. */
    String getLastRead();

    /** When a read last changed the tuples or a listener (ISO-8601), or null. */
    String getLastChange();

    /** The last error of a read or a move, with its time, or null. */
    String getLastError();

    /** DNS reads that failed (timeout, SERVFAIL, REFUSED, ...). */
    long getReadFailures();

    /** DNS questions sent, to every server: an idle poll costs one per domain. */
    long getDnsQuestions();

    /** DNS NOTIFY messages accepted. */
    long getNotifyCount();

    /**
     * DNS NOTIFY messages refused (unsigned or badly signed while {@code tsig=} is set, for another zone, malformed,
     * too large); none of them caused a read.
     */
    long getRefusedNotifyCount();

    /** Reads the DNS now and reconciles, on svccfg's thread. */
    void pollNow();
}
