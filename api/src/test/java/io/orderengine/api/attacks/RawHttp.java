package io.orderengine.api.attacks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** HTTP/1.1 spoken by hand over a socket to the loopback address: for requests no HTTP client would send. */
final class RawHttp {

    private RawHttp() {}

    /** What came back: the status, the headers (names in lower case) and the body. */
    record Answer(int status, Map<String, String> headers, String body, boolean closed) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    static Socket connect(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout((int) Duration.ofSeconds(30).toMillis());
        return socket;
    }

    static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    /** Sends {@code request} on a new connection and reads the answer until the server closes or 10 s pass. */
    static Answer exchange(int port, String request) throws IOException {
        try (Socket socket = connect(port)) {
            socket.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
            send(socket, request);
            return read(socket);
        }
    }

    /** Reads one answer: until the server closes the connection, or the body's Content-Length is in. */
    static Answer read(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        boolean closed = false;
        try {
            for (int n; ; ) {
                n = in.read(chunk);
                if (n < 0) {
                    closed = true;
                    break;
                }
                bytes.write(chunk, 0, n);
                if (complete(bytes.toString(StandardCharsets.ISO_8859_1))) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            // what came so far
        } catch (IOException e) {
            closed = true; // reset by the server
        }
        return parse(bytes.toString(StandardCharsets.UTF_8), closed);
    }

    private static boolean complete(String text) {
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        Answer head = parse(text, false);
        String length = head.header("content-length");
        return length != null && text.length() - end - 4 >= Integer.parseInt(length.trim());
    }

    private static Answer parse(String text, boolean closed) {
        if (text.isEmpty()) {
            return new Answer(0, Map.of(), "", closed);
        }
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        String body = end < 0 ? "" : text.substring(end + 4);
        String[] lines = head.split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.merge(
                        lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim(),
                        (a, b) -> a + ", " + b);
            }
        }
        return new Answer(status, headers, body, closed);
    }
}
