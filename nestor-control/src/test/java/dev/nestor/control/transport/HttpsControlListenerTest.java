package dev.nestor.control.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nestor.control.CommandRegistry;
import dev.nestor.control.ControlChannel;
import dev.nestor.control.commands.GenericCommands;
import dev.nestor.control.commands.ServerIdentity;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpsControlListenerTest {

    private HttpControlListener listener;

    private static Path tls(String name) {
        try {
            return Path.of(HttpsControlListenerTest.class.getResource("/tls/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private URI start(String serverKey, boolean certificateRequired) throws IOException {
        CommandRegistry registry = new CommandRegistry();
        GenericCommands.register(registry, ServerIdentity.nestor("test"), value -> { });
        ControlChannel channel = new ControlChannel(registry, "dhcp4");
        SSLContext context = PemTls.context(tls("ca.pem"), tls("server-cert.pem"), tls(serverKey));
        listener = HttpControlListener.start(
                HttpListenerSettings.plain(InetAddress.getLoopbackAddress(), 0).withTls(context, certificateRequired),
                ControlLimits.DEFAULTS, Clock.systemUTC(), channel::handleHttp);
        return URI.create("https://127.0.0.1:" + listener.localAddress().getPort() + "/");
    }

    @AfterEach
    void stop() {
        if (listener != null) {
            listener.close();
        }
    }

    private static HttpResponse<String> post(SSLContext client, URI uri) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(client).build()) {
            return http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"command\": \"version-get\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void servesAClientWithACertificateFromTheTrustAnchor() throws Exception {
        URI uri = start("server-key-pkcs1.pem", true);
        SSLContext client = PemTls.context(tls("ca.pem"), tls("client-cert.pem"), tls("client-key-sec1.pem"));
        HttpResponse<String> response = post(client, uri);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("[{\"arguments\"");
    }

    @Test
    void refusesClientsWithoutAValidCertificateWhenRequired() throws Exception {
        URI uri = start("server-key.pem", true);
        SSLContext anonymous = PemTls.context(tls("ca.pem"), null, null);
        assertThatThrownBy(() -> post(anonymous, uri)).isInstanceOf(IOException.class);
        SSLContext stranger = PemTls.context(tls("ca.pem"), tls("other-client-cert.pem"), tls("other-client-key-sec1.pem"));
        assertThatThrownBy(() -> post(stranger, uri)).isInstanceOf(IOException.class);
        // the listener is unharmed by the failed handshakes
        SSLContext client = PemTls.context(tls("ca.pem"), tls("client-cert.pem"), tls("client-key.pem"));
        assertThat(post(client, uri).statusCode()).isEqualTo(200);
    }

    @Test
    void acceptsClientsWithoutCertificateWhenNotRequired() throws Exception {
        URI uri = start("server-key.pem", false);
        assertThat(post(PemTls.context(tls("ca.pem"), null, null), uri).statusCode()).isEqualTo(200);
    }

    @Test
    void aClientThatDoesNotTrustTheServerGivesUp() throws Exception {
        URI uri = start("server-key.pem", false);
        assertThatThrownBy(() -> post(PemTls.context(tls("other-ca.pem"), null, null), uri)).isInstanceOf(IOException.class);
    }

    @Test
    void explainsBadPemFiles() {
        assertThatThrownBy(() -> PemTls.context(tls("ca.pem"), tls("server-cert.pem"), tls("ca.pem")))
                .isInstanceOf(IOException.class).hasMessageContaining("no private key found in key-file");
        assertThatThrownBy(() -> PemTls.context(tls("README.txt"), null, null))
                .isInstanceOf(IOException.class).hasMessageContaining("no certificate found in trust-anchor");
        assertThatThrownBy(() -> PemTls.context(null, tls("server-cert.pem"), null))
                .isInstanceOf(IOException.class).hasMessageContaining("must be given together");
    }

    @Test
    void loadsATrustAnchorDirectory() throws Exception {
        URI uri = start("server-key.pem", true);
        SSLContext client = PemTls.context(tls("ca.pem").getParent(), tls("client-cert.pem"), tls("client-key.pem"));
        assertThat(post(client, uri).statusCode()).isEqualTo(200);
    }
}
