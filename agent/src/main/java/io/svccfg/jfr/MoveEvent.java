package io.svccfg.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** One move of a live listener (parking and unparking included). */
@Name("io.svccfg.Move")
@Label("svccfg listener move")
@Category("svccfg")
@Description("The kernel socket under a live listener replaced by one bound to a new endpoint")
public final class MoveEvent extends jdk.jfr.Event {
    @Label("Service")
    public String service;

    @Label("Transport")
    public String transport;

    @Label("From")
    public String from;

    @Label("To")
    public String to;

    @Label("Outcome")
    public String outcome;
}
