package io.chatplatform.adapter.http.internal.pipeline;

import io.chatplatform.adapter.http.TrustedProxies;
import io.chatplatform.domain.limit.ClientAddress;
import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jetty.util.InetAddressSet;

/**
 * Who sent a request: the peer of the connection, unless that peer is one of the configured
 * trusted proxies (the nginx in front of the service), in which case the nearest address in
 * {@code X-Forwarded-For} that is not a trusted proxy. A client cannot choose its address by
 * sending the header itself: without a trusted proxy in front, the header is ignored, and a proxy
 * appends the address it saw, which is read from the right.
 */
public final class ClientAddresses {

    /** IP literals only: anything else in the header is not an address (and must never be resolved by DNS). */
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final InetAddressSet trusted;
    private final boolean anyTrusted;

    public ClientAddresses(TrustedProxies proxies) {
        this.trusted = proxies.matcher();
        this.anyTrusted = !proxies.entries().isEmpty();
    }

    /** The client's address for this request. */
    public ClientAddress of(Context ctx) {
        String peer = ctx.req().getRemoteAddr();
        if (!anyTrusted) {
            return ClientAddress.of(peer);
        }
        return ClientAddress.of(resolve(peer, Collections.list(ctx.req().getHeaders("X-Forwarded-For"))));
    }

    /**
     * The client among {@code peer} and the forwarded addresses (each header value a
     * comma-separated list, oldest hop first): walk from the nearest hop outwards while the hop is
     * a trusted proxy.
     */
    String resolve(String peer, List<String> forwardedHeaders) {
        Objects.requireNonNull(peer, "peer");
        Optional<InetAddress> hop = parse(peer);
        if (hop.isEmpty() || !trusted.test(hop.get())) {
            return peer;
        }
        String client = peer;
        String[] chain = String.join(",", forwardedHeaders).split(",");
        for (int i = chain.length - 1; i >= 0; i--) {
            String candidate = chain[i].strip();
            Optional<InetAddress> address = parse(candidate);
            if (address.isEmpty()) {
                // a hop that is not an address: believe nothing further out
                return client;
            }
            client = address.get().getHostAddress();
            if (!trusted.test(address.get())) {
                return client;
            }
        }
        return client;
    }

    private static Optional<InetAddress> parse(String text) {
        if (text.isEmpty() || text.length() > ClientAddress.MAX_LENGTH || !IP_LITERAL.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            // a literal: no name service is asked
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
