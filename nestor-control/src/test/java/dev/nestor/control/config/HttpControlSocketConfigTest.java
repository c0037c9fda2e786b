package dev.nestor.control.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nestor.control.transport.HttpListenerSettings;
import dev.nestor.json.JsonObject;
import dev.nestor.json.JsonParser;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpControlSocketConfigTest {

    @TempDir
    Path directory;

    private static JsonObject json(String text) throws Exception {
        return (JsonObject) JsonParser.parseStrict(text);
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void readsAddressPortAuthenticationAndHeaders() throws Exception {
        Files.writeString(directory.resolve("pw"), "s3cret\n");
        HttpListenerSettings settings = HttpControlSocketConfig.parse(json("""
                { "socket-type": "http", "socket-address": "127.0.4.1", "socket-port": 8004,
                  "authentication": { "type": "basic", "realm": "nestor", "directory": "%s",
                     "clients": [ { "user": "admin", "password": "1234" }, { "user": "ops", "password-file": "pw" } ] },
                  "http-headers": [ { "name": "Strict-Transport-Security", "value": "max-age=31536000" } ] }
                """.formatted(directory)), null);
        assertThat(settings.address()).isEqualTo(InetAddress.getByName("127.0.4.1"));
        assertThat(settings.port()).isEqualTo(8004);
        assertThat(settings.tls()).isEmpty();
        assertThat(settings.authentication().get().realm()).isEqualTo("nestor");
        assertThat(settings.authentication().get().accepts(basic("admin:1234"))).isTrue();
        assertThat(settings.authentication().get().accepts(basic("ops:s3cret"))).isTrue();
        assertThat(settings.authentication().get().accepts(basic("ops:1234"))).isFalse();
        assertThat(settings.extraHeaders()).isEqualTo(Map.of("Strict-Transport-Security", "max-age=31536000"));
    }

    @Test
    void defaultsToKeasAddressAndPort() throws Exception {
        HttpListenerSettings settings = HttpControlSocketConfig.parse(json("{ \"socket-type\": \"http\" }"), null);
        assertThat(settings.address()).isEqualTo(InetAddress.getByName("127.0.0.1"));
        assertThat(settings.port()).isEqualTo(8000);
    }

    @Test
    void buildsTlsFromPemFiles() throws Exception {
        Path tls = Path.of(getClass().getResource("/tls/ca.pem").toURI()).getParent();
        HttpListenerSettings settings = HttpControlSocketConfig.parse(json("""
                { "socket-type": "https", "trust-anchor": "ca.pem", "cert-file": "server-cert.pem",
                  "key-file": "server-key-pkcs1.pem", "cert-required": false }
                """), tls);
        assertThat(settings.tls()).isPresent();
        assertThat(settings.certificateRequired()).isFalse();
        assertThat(HttpControlSocketConfig.parse(json("""
                { "socket-type": "https", "trust-anchor": "ca.pem", "cert-file": "server-cert.pem", "key-file": "server-key.pem" }
                """), tls).certificateRequired()).isTrue();
    }

    @Test
    void refusesBadEntriesNamingTheKey() {
        assertThatThrownBy(() -> HttpControlSocketConfig.parse(json("{ \"socket-type\": \"https\" }"), null))
                .isInstanceOf(IOException.class).hasMessageContaining("'https' needs");
        assertThatThrownBy(() -> HttpControlSocketConfig.parse(json("{ \"socket-address\": \"localhost\" }"), null))
                .isInstanceOf(IOException.class).hasMessageContaining("'socket-address'");
        assertThatThrownBy(() -> HttpControlSocketConfig.parse(json("{ \"socket-port\": 70000 }"), null))
                .isInstanceOf(IOException.class).hasMessageContaining("'socket-port'");
        assertThatThrownBy(() -> HttpControlSocketConfig.parse(json("{ \"authentication\": { \"type\": \"digest\" } }"), null))
                .isInstanceOf(IOException.class).hasMessageContaining("'basic'");
        assertThatThrownBy(() -> HttpControlSocketConfig.parse(json(
                "{ \"authentication\": { \"type\": \"basic\", \"clients\": [ { \"user\": \"a:b\", \"password\": \"x\" } ] } }"), null))
                .isInstanceOf(IOException.class).hasMessageContaining("':'");
        assertThatThrownBy(() -> HttpControlSocketConfig.parse(json(
                "{ \"http-headers\": [ { \"name\": \"X-Bad\", \"value\": \"a\\r\\nInjected: 1\" } ] }"), null))
                .isInstanceOf(IOException.class).hasMessageContaining("http-headers");
    }
}
