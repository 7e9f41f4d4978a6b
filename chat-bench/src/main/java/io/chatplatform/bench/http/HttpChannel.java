package io.chatplatform.bench.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * One virtual user's HTTP/1.1 connection: a blocking keep-alive socket (a virtual thread parks on
 * it), the request written by hand, and of the response the status, {@code Content-Length},
 * {@code Transfer-Encoding: chunked}, {@code Connection: close} and the body. No TLS, redirects or
 * compression. It exists because the JDK's {@code HttpClient} spends about twelve times its CPU
 * per request, which on the shared cores is taken from the service (docs/benchmarks.md). Not
 * shared between threads.
 */
public final class HttpChannel implements AutoCloseable {

    private final String host;
    private final int port;
    private final String hostHeader;
    private final int timeoutMillis;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    public HttpChannel(URI base, Duration timeout) {
        if (!"http".equalsIgnoreCase(base.getScheme())) {
            throw new IllegalArgumentException("the bench speaks plain http only, not " + base.getScheme());
        }
        this.host = base.getHost();
        this.port = base.getPort() < 0 ? 80 : base.getPort();
        this.hostHeader = host + (base.getPort() < 0 ? "" : ":" + port);
        this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    /** A response: its status and its whole body. */
    public record Response(int status, byte[] body) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    public Response get(String pathAndQuery, String bearerToken) throws IOException {
        return exchange(head("GET", pathAndQuery, bearerToken, null, -1), null, true);
    }

    public Response post(String path, String bearerToken, String contentType, byte[] body) throws IOException {
        return exchange(head("POST", path, bearerToken, contentType, body.length), body, false);
    }

    /** A PATCH with a body; never sent twice (a change that may have been applied is not repeated). */
    public Response patch(String path, String bearerToken, String contentType, byte[] body) throws IOException {
        return exchange(head("PATCH", path, bearerToken, contentType, body.length), body, false);
    }

    /** A PUT without a body ({@code Content-Length: 0}); idempotent, so sent again once on a stale connection as a GET is. */
    public Response put(String path, String bearerToken) throws IOException {
        return exchange(head("PUT", path, bearerToken, null, 0), null, true);
    }

    /** A DELETE without a body; idempotent, so sent again once on a stale connection as a GET is. */
    public Response delete(String path, String bearerToken) throws IOException {
        return exchange(head("DELETE", path, bearerToken, null, -1), null, true);
    }

    /** The error kind an exception counts as: {@code timeout}, {@code connect}, or {@code io}. */
    public static String errorKind(Throwable e) {
        if (e instanceof SocketTimeoutException) {
            return "timeout";
        }
        return e instanceof ConnectException ? "connect" : "io";
    }

    /** The request line and headers; {@code length} is the body's (negative: no body and no {@code Content-Length}). */
    private byte[] head(String method, String target, String token, String contentType, int length) {
        StringBuilder h = new StringBuilder(160);
        h.append(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: ").append(hostHeader).append("\r\n");
        if (token != null) {
            h.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        if (contentType != null) {
            h.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (length >= 0) {
            h.append("Content-Length: ").append(length).append("\r\n");
        }
        return h.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** An idempotent request that finds its kept-alive connection closed by the server is sent again once, on a new one. */
    private Response exchange(byte[] head, byte[] body, boolean retryOnStaleConnection) throws IOException {
        boolean reused = socket != null;
        try {
            return once(head, body);
        } catch (StaleConnection e) {
            close();
            if (reused && retryOnStaleConnection) {
                return once(head, body);
            }
            throw new EOFException("connection closed by the server before it answered");
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private Response once(byte[] head, byte[] body) throws IOException {
        if (socket == null) {
            Socket s = new Socket();
            try {
                s.setTcpNoDelay(true);
                s.setSoTimeout(timeoutMillis);
                s.connect(new InetSocketAddress(host, port), timeoutMillis);
                in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
                out = s.getOutputStream();
                socket = s;
            } catch (IOException e) {
                s.close();
                throw e;
            }
        }
        out.write(head);
        if (body != null) {
            out.write(body);
        }
        out.flush();
        return read();
    }

    private Response read() throws IOException {
        String status = line(true);
        if (status.length() < 12 || !status.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP response: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        boolean close = status.startsWith("HTTP/1.0");
        long length = -1;
        boolean chunked = false;
        for (String header = line(false); !header.isEmpty(); header = line(false)) {
            int colon = header.indexOf(':');
            String name = colon <= 0 ? "" : header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = colon <= 0 ? "" : header.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.contains("chunked");
                case "connection" -> close = value.equals("close") || (close && !value.equals("keep-alive"));
                default -> {
                }
            }
        }
        byte[] bytes;
        if (chunked) {
            bytes = chunked();
        } else if (length >= 0) {
            bytes = exactly((int) length);
        } else if (code == 204 || code == 304 || code / 100 == 1) {
            bytes = new byte[0];
        } else {
            bytes = in.readAllBytes();
            close = true;
        }
        if (close) {
            close();
        }
        return new Response(code, bytes);
    }

    private byte[] chunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String size = line(false); ; size = line(false)) {
            int semi = size.indexOf(';');
            int n = Integer.parseInt((semi >= 0 ? size.substring(0, semi) : size).trim(), 16);
            if (n == 0) {
                while (!line(false).isEmpty()) {
                    // trailers are ignored
                }
                return body.toByteArray();
            }
            body.write(exactly(n));
            line(false);
        }
    }

    private byte[] exactly(int n) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length != n) {
            throw new EOFException("body ended after " + bytes.length + " of " + n + " bytes");
        }
        return bytes;
    }

    /** A header line without its CRLF; at the very start of a response, EOF means the server closed an idle connection. */
    private String line(boolean first) throws IOException {
        StringBuilder s = new StringBuilder(64);
        while (true) {
            int b;
            try {
                b = in.read();
            } catch (SocketException e) {
                if (first && s.length() == 0) {
                    throw new StaleConnection();
                }
                throw e;
            }
            if (b < 0) {
                if (first && s.length() == 0) {
                    throw new StaleConnection();
                }
                throw new EOFException("connection closed in the middle of a response");
            }
            if (b == '\n') {
                int n = s.length();
                return n > 0 && s.charAt(n - 1) == '\r' ? s.substring(0, n - 1) : s.toString();
            }
            s.append((char) b);
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
            socket = null;
            in = null;
            out = null;
        }
    }

    /** The server closed a kept-alive connection before answering: the request may be sent again on a new one. */
    private static final class StaleConnection extends IOException {
        private static final long serialVersionUID = 1L;

        StaleConnection() {
            super("stale connection", null);
        }
    }
}
