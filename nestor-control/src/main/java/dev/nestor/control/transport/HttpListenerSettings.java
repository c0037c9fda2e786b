package dev.nestor.control.transport;

import java.net.InetAddress;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * Where and how an HTTP control listener serves: address and port (0 = any free port), optional
 * TLS (context from {@link PemTls}, and whether a client certificate is required: Kea's
 * {@code cert-required}; when false a certificate is asked for and verified if sent), optional basic
 * authentication, and extra headers added to every response (Kea 2.7's {@code http-headers}).
 */
public record HttpListenerSettings(
        InetAddress address,
        int port,
        Optional<SSLContext> tls,
        boolean certificateRequired,
        Optional<BasicAuthentication> authentication,
        Map<String, String> extraHeaders) {

    public HttpListenerSettings {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(authentication, "authentication");
        extraHeaders = Map.copyOf(extraHeaders);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** Plain HTTP, no authentication. */
    public static HttpListenerSettings plain(InetAddress address, int port) {
        return new HttpListenerSettings(address, port, Optional.empty(), false, Optional.empty(), Map.of());
    }

    public HttpListenerSettings withTls(SSLContext context, boolean required) {
        return new HttpListenerSettings(address, port, Optional.of(context), required, authentication, extraHeaders);
    }

    public HttpListenerSettings withAuthentication(BasicAuthentication value) {
        return new HttpListenerSettings(address, port, tls, certificateRequired, Optional.of(value), extraHeaders);
    }

    public HttpListenerSettings withExtraHeaders(Map<String, String> value) {
        return new HttpListenerSettings(address, port, tls, certificateRequired, authentication, value);
    }
}
