package io.svccfg.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** One DNS read of svccfg, in a flight recording beside the application's own events. */
@Name("io.svccfg.Read")
@Label("svccfg DNS read")
@Category("svccfg")
@Description("A read of the SRV, A and AAAA records of every managed service")
public final class ReadEvent extends jdk.jfr.Event {
    @Label("Domains")
    public String domains;

    @Label("SOA serials")
    public String serials;

    @Label("Tuples")
    public int tuples;

    @Label("Outcome")
    public String outcome;
}
