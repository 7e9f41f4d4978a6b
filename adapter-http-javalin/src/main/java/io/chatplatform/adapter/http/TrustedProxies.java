package io.chatplatform.adapter.http;

import java.util.List;
import org.eclipse.jetty.util.InetAddressSet;

/**
 * The proxies in front of the service (the nginx of the prod profile), whose
 * {@code X-Forwarded-For} is believed when they are the peer of a connection. Without any, the
 * peer is the client and the header is ignored, so that a client cannot choose its address.
 *
 * @param entries IP addresses or CIDR blocks, e.g. {@code 10.0.0.0/8}, {@code 127.0.0.1}, {@code ::1}
 */
public record TrustedProxies(List<String> entries) {

    /** No proxy: the connection's peer is the client. */
    public static final TrustedProxies NONE = new TrustedProxies(List.of());

    /** @throws IllegalArgumentException naming the first entry that is neither an address nor a CIDR block */
    public TrustedProxies {
        entries = entries.stream().map(String::strip).toList();
        matcher(entries);
    }

    public static TrustedProxies of(String... entries) {
        return new TrustedProxies(List.of(entries));
    }

    /** Jetty's matcher of these entries. */
    public InetAddressSet matcher() {
        return matcher(entries);
    }

    private static InetAddressSet matcher(List<String> entries) {
        InetAddressSet set = new InetAddressSet();
        for (String entry : entries) {
            try {
                set.add(entry);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + entry + "' is not an IP address or CIDR block", e);
            }
        }
        return set;
    }
}
