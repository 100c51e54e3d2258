package io.svccfg.it;

import gov.nist.javax.sip.stack.SIPTransaction;
import java.io.IOException;
import java.text.ParseException;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.TooManyListenersException;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * A real SIP server: the JAIN-SIP reference implementation ({@code gov.nist}) with one listening point on UDP and
 * one on TCP, both at {@code IP PORT} (arguments; 0.0.0.0 and 5060 by default), behind one SipProvider. It answers
 * every OPTIONS with {@code 200 OK} (with Allow and Server headers) and every other request but ACK with {@code 405
 * Method Not Allowed}. Prints {@code SIP-READY} once both listening points are up, then {@code OPTIONS from
 * PEER:PORT over UDP|TCP: STATUS} per request answered; stays until its stdin closes.
 *
 * <p>What the stack does with its sockets, which is what svccfg's agent intercepts and moves (read from the RI's
 * source, 1.3.0-91, with its default OIO message processors):
 * <ul>
 * <li>Each listening point is one socket the stack opens and binds itself: a {@code DatagramSocket(port, ip)} for
 * UDP, a {@code ServerSocket(port, 0, ip)} for TCP (DefaultNetworkLayer).
 * <li>UDP responses leave through the listening DatagramSocket itself, never a new socket (as soon as a UDP
 * listening point exists the stack sets its {@code udpFlag}); they go to the address and port of the top Via, with
 * {@code received} and {@code rport} filled in from the request's source when the client asked for rport.
 * <li>TCP responses go back over the accepted connection the request came on: the stack caches that socket by the
 * peer's address and port and writes the response to it. Only if that connection is gone does it connect anew.
 * <li>Listening on 0.0.0.0 works: both sockets are bound to the wildcard address. The TCP listening point's IP
 * address and sent-by (what the stack would put in the Via of a message it originates, and an application in a
 * Contact) are the literal {@code 0.0.0.0:PORT}; the UDP one's are {@code 0:0:0:0:0:0:0:0} and {@code
 * [0:0:0:0:0:0:0:0]:PORT}, as the stack reads the address back from the JDK's dual-stack socket. This server
 * originates nothing and adds no Contact: a response carries the request's own Vias back.
 * <li>But on 0.0.0.0 a UDP response leaves with the source address the kernel picks for its destination, not the
 * address the request was sent to (the stack uses no IP_PKTINFO): a response to 127.0.5.2 comes from 127.0.0.1, and
 * a client whose UDP socket is connected to 127.0.5.1 (sipsak's is) never sees it. Bound to one address, the socket
 * answers from that address.
 * </ul>
 */
public final class JainSipServer implements SipListener {
    static final String READY = "SIP-READY";
    static final String SERVER = "jain-sip-ri svccfg-it";

    private final SipProvider provider;
    private final MessageFactory messages;
    private final HeaderFactory headers;

    private JainSipServer(SipProvider provider, MessageFactory messages, HeaderFactory headers) {
        this.provider = provider;
        this.messages = messages;
        this.headers = headers;
    }

    public static void main(String[] args) throws IOException {
        String ip = args.length > 0 ? args[0] : "0.0.0.0";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 5060;
        SipStack stack;
        try {
            stack = start(ip, port);
        } catch (SipException | InvalidArgumentException | TooManyListenersException e) {
            // The port is taken, say. The stack's own threads would keep a failed server alive: end it here.
            e.printStackTrace();
            System.exit(1);
            return;
        }
        // createListeningPoint has bound each socket and started the thread that reads it: both answer from now on.
        System.out.println(READY);
        System.out.flush();

        while (System.in.read() >= 0) {
            // Only the end of stdin matters.
        }
        stack.stop();
        System.exit(0);
    }

    /** A stack with a UDP and a TCP listening point at {@code ip} and {@code port}, answering through this class. */
    private static SipStack start(String ip, int port)
            throws SipException, InvalidArgumentException, TooManyListenersException {
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        Properties properties = new Properties();
        properties.setProperty("javax.sip.STACK_NAME", "svccfg-it");
        // The stack's own log (its LogWriter): errors only, through log4j (log4j.properties: stderr).
        properties.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "ERROR");
        SipStack stack = factory.createSipStack(properties);

        ListeningPoint udp = stack.createListeningPoint(ip, port, ListeningPoint.UDP);
        ListeningPoint tcp = stack.createListeningPoint(ip, port, ListeningPoint.TCP);
        SipProvider provider = stack.createSipProvider(udp);
        provider.addListeningPoint(tcp);
        provider.addSipListener(new JainSipServer(provider, factory.createMessageFactory(),
                factory.createHeaderFactory()));
        for (ListeningPoint lp : List.of(udp, tcp)) {
            // What the stack would put in a Via it originates: on 0.0.0.0, a wildcard address (see the class comment).
            System.out.println("listening on " + lp.getTransport() + " " + lp.getIPAddress() + ":" + lp.getPort()
                    + ", sent-by " + lp.getSentBy());
        }
        return stack;
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        if (Request.ACK.equals(request.getMethod())) {
            return; // an ACK is never answered
        }
        try {
            // A server transaction answers on the request's own channel: the listening UDP socket, or the accepted
            // TCP connection. It also resends the response if a UDP request comes again.
            ServerTransaction transaction = event.getServerTransaction() != null ? event.getServerTransaction()
                    : provider.getNewServerTransaction(request);
            Response response;
            if (Request.OPTIONS.equals(request.getMethod())) {
                response = messages.createResponse(Response.OK, request);
            } else {
                response = messages.createResponse(Response.METHOD_NOT_ALLOWED, request);
            }
            response.addHeader(headers.createAllowHeader(Request.OPTIONS));
            response.addHeader(headers.createServerHeader(List.of(SERVER)));
            transaction.sendResponse(response);
            // Where the request really came from (the datagram's source, the connection's peer), not its Via.
            SIPTransaction stack = (SIPTransaction) transaction;
            System.out.println(request.getMethod() + " from " + stack.getPeerPacketSourceAddress().getHostAddress()
                    + ":" + stack.getPeerPacketSourcePort() + " over " + stack.getTransport().toUpperCase(Locale.ROOT)
                    + ": " + response.getStatusCode());
            System.out.flush();
        } catch (SipException | ParseException | InvalidArgumentException e) {
            // A retransmission racing its first copy, or a request the stack cannot answer: say so, and go on.
            System.err.println("cannot answer " + request.getMethod() + ": " + e);
        }
    }

    @Override
    public void processResponse(ResponseEvent event) {
        // This server sends no requests, so it gets no responses.
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        System.err.println("I/O error with " + event.getHost() + ":" + event.getPort() + " over "
                + event.getTransport());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
    }
}
