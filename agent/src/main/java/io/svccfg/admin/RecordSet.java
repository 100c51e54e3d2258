package io.svccfg.admin;

import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/** The name and type of one RRset the administrator owns: a service's SRV records, or a server's A or AAAA. */
public record RecordSet(Name name, int type) implements Comparable<RecordSet> {
    @Override
    public int compareTo(RecordSet other) {
        int byName = name.compareTo(other.name);
        return byName != 0 ? byName : Integer.compare(type, other.type);
    }

    @Override
    public String toString() {
        return name + " " + Type.string(type);
    }
}
