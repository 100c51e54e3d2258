package io.svccfg.jmx;

import io.svccfg.drain.Window;
import io.svccfg.listener.Addresses;
import javax.management.ConstructorParameters;

/** An old endpoint that still accepts after its listener moved, as JMX shows it. */
public final class DrainInfo {
    private final String listener;
    private final String endpoint;
    private final long millisLeft;
    private final long delivered;

    @ConstructorParameters({"listener", "endpoint", "millisLeft", "delivered"})
    public DrainInfo(String listener, String endpoint, long millisLeft, long delivered) {
        this.listener = listener;
        this.endpoint = endpoint;
        this.millisLeft = millisLeft;
        this.delivered = delivered;
    }

    static DrainInfo of(Window w) {
        return new DrainInfo(w.label(), Addresses.text(w.endpoint()), w.millisLeft(), w.delivered());
    }

    /** {@code service/transport} of the listener that left this endpoint. */
    public String getListener() {
        return listener;
    }

    public String getEndpoint() {
        return endpoint;
    }

    /** Until the endpoint closes; 0 while its last connections are handed over. */
    public long getMillisLeft() {
        return millisLeft;
    }

    /** Connections it handed to the application so far. */
    public long getDelivered() {
        return delivered;
    }
}
