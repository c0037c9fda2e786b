package dev.nestor.control.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A socat-like client: writes one command, reads until the server closes. */
public final class UnixClient {

    private UnixClient() {
    }

    /** Sends the text and returns everything the server writes before closing. */
    public static String send(Path socket, String text) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            ByteBuffer out = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (out.hasRemaining()) {
                channel.write(out);
            }
            return readAll(channel);
        }
    }

    /** Reads until EOF. */
    public static String readAll(SocketChannel channel) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        while (true) {
            buffer.clear();
            int count;
            try {
                count = channel.read(buffer);
            } catch (IOException e) {
                break;
            }
            if (count < 0) {
                break;
            }
            received.write(buffer.array(), 0, count);
        }
        return received.toString(StandardCharsets.UTF_8);
    }
}
