package io.chatplatform.bench.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The cheapest HTTP/1.1 client that is still correct for this service: each virtual user owns one
 * blocking keep-alive socket (a virtual thread parks on it), writes the request by hand and reads
 * the status, the headers it needs ({@code Content-Length}, {@code Transfer-Encoding: chunked},
 * {@code Connection: close}) and the body. No TLS, no redirects, no compression (none is asked for).
 */
final class RawTransport implements HttpTransport {

    private final String host;
    private final int port;
    private final String hostHeader;
    private final int timeoutMillis;

    RawTransport(URI base, Duration timeout) {
        if (!"http".equalsIgnoreCase(base.getScheme())) {
            throw new IllegalArgumentException("--client raw speaks plain http only, not " + base.getScheme());
        }
        this.host = base.getHost();
        this.port = base.getPort() < 0 ? 80 : base.getPort();
        this.hostHeader = host + (base.getPort() < 0 ? "" : ":" + port);
        this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    @Override
    public Channel channel() {
        return new RawChannel();
    }

    @Override
    public String name() {
        return "raw";
    }

    @Override
    public void close() {
        // channels close their own sockets
    }

    private final class RawChannel implements Channel {
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        @Override
        public Response get(String pathAndQuery, String bearerToken) throws IOException {
            byte[] head = head("GET", pathAndQuery, bearerToken, null, 0);
            return exchange(head, null, true);
        }

        @Override
        public Response post(String path, String bearerToken, String contentType, byte[] body) throws IOException {
            byte[] head = head("POST", path, bearerToken, contentType, body.length);
            return exchange(head, body, false);
        }

        private byte[] head(String method, String target, String token, String contentType, int length) {
            StringBuilder h = new StringBuilder(160);
            h.append(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: ").append(hostHeader).append("\r\n");
            if (token != null) {
                h.append("Authorization: Bearer ").append(token).append("\r\n");
            }
            if (contentType != null) {
                h.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(length).append("\r\n");
            }
            h.append("\r\n");
            return h.toString().getBytes(StandardCharsets.ISO_8859_1);
        }

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
                connect();
            }
            out.write(head);
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return read();
        }

        private void connect() throws IOException {
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

        private Response read() throws IOException {
            String status = line(true);
            // HTTP/1.1 200 OK
            if (status.length() < 12 || !status.startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP response: " + status);
            }
            int code = Integer.parseInt(status.substring(9, 12));
            boolean close = status.startsWith("HTTP/1.0");
            long length = -1;
            boolean chunked = false;
            for (String header = line(false); !header.isEmpty(); header = line(false)) {
                int colon = header.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = header.substring(0, colon).trim();
                String value = header.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("content-length")) {
                    length = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("transfer-encoding")) {
                    chunked = value.toLowerCase(java.util.Locale.ROOT).contains("chunked");
                } else if (name.equalsIgnoreCase("connection")) {
                    close = value.equalsIgnoreCase("close") ? true : value.equalsIgnoreCase("keep-alive") ? false : close;
                }
            }
            byte[] bytes;
            if (chunked) {
                bytes = chunked();
            } else if (length >= 0) {
                bytes = in.readNBytes((int) length);
                if (bytes.length != length) {
                    throw new EOFException("body ended after " + bytes.length + " of " + length + " bytes");
                }
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
            while (true) {
                String sizeLine = line(false);
                int semi = sizeLine.indexOf(';');
                int size = Integer.parseInt((semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).trim(), 16);
                if (size == 0) {
                    // trailers, then the empty line
                    while (!line(false).isEmpty()) {
                        // ignored
                    }
                    return body.toByteArray();
                }
                byte[] chunk = in.readNBytes(size);
                if (chunk.length != size) {
                    throw new EOFException("chunk ended early");
                }
                body.write(chunk);
                line(false);
            }
        }

        /** A header line without its CRLF; at the very start of a response, EOF means the server closed an idle connection. */
        private String line(boolean first) throws IOException {
            StringBuilder s = new StringBuilder(64);
            while (true) {
                int b;
                try {
                    b = in.read();
                } catch (java.net.SocketException e) {
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
                    if (n > 0 && s.charAt(n - 1) == '\r') {
                        s.setLength(n - 1);
                    }
                    return s.toString();
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
    }

    /** The server closed a kept-alive connection before answering: the request may be sent again on a new one. */
    private static final class StaleConnection extends IOException {
        private static final long serialVersionUID = 1L;

        StaleConnection() {
            super("stale connection", null);
        }
    }
}
