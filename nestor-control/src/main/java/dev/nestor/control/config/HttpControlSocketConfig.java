package dev.nestor.control.config;

import dev.nestor.control.transport.BasicAuthentication;
import dev.nestor.control.transport.HttpListenerSettings;
import dev.nestor.control.transport.PemTls;
import dev.nestor.json.JsonArray;
import dev.nestor.json.JsonBoolean;
import dev.nestor.json.JsonNumber;
import dev.nestor.json.JsonObject;
import dev.nestor.json.JsonString;
import dev.nestor.json.JsonValue;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one HTTP(S) entry of {@code control-sockets} (Kea 2.7+ syntax) into listener settings:
 * {@code socket-address} (default 127.0.0.1), {@code socket-port} (default 8000),
 * {@code authentication} ({@code type: basic}, {@code realm}, {@code directory}, {@code clients} with
 * {@code user}/{@code password} or {@code user-file}/{@code password-file}), TLS ({@code trust-anchor},
 * {@code cert-file}, {@code key-file}, {@code cert-required} default true) and {@code http-headers}
 * ({@code [{"name": ..., "value": ...}]}). Relative file names are resolved against {@code baseDirectory}.
 * Any problem is an {@link IOException} naming the key.
 */
public final class HttpControlSocketConfig {

    private HttpControlSocketConfig() {
    }

    public static HttpListenerSettings parse(JsonObject entry, Path baseDirectory) throws IOException {
        String type = string(entry, "socket-type", "http");
        if (!type.equals("http") && !type.equals("https")) {
            throw new IOException("control-sockets: 'socket-type' must be http or https here, not '" + type + "'");
        }
        String addressText = string(entry, "socket-address", "127.0.0.1");
        InetAddress address;
        try {
            address = InetAddress.ofLiteral(addressText);
        } catch (IllegalArgumentException e) {
            throw new IOException("control-sockets: 'socket-address' must be an IP address, not '" + addressText + "'");
        }
        long port = integer(entry, "socket-port", 8000);
        if (port < 1 || port > 65535) {
            throw new IOException("control-sockets: 'socket-port' out of range 1..65535: " + port);
        }
        HttpListenerSettings settings = HttpListenerSettings.plain(address, (int) port);
        String trustAnchor = string(entry, "trust-anchor", null);
        String certFile = string(entry, "cert-file", null);
        String keyFile = string(entry, "key-file", null);
        boolean anyTls = trustAnchor != null || certFile != null || keyFile != null;
        if (type.equals("https") && !anyTls) {
            throw new IOException("control-sockets: 'https' needs 'trust-anchor', 'cert-file' and 'key-file'");
        }
        if (anyTls) {
            if (trustAnchor == null || certFile == null || keyFile == null) {
                throw new IOException("control-sockets: 'trust-anchor', 'cert-file' and 'key-file' must be given together");
            }
            boolean required = !(entry.get("cert-required") instanceof JsonBoolean flag) || flag.value();
            if (entry.has("cert-required") && !(entry.get("cert-required") instanceof JsonBoolean)) {
                throw new IOException("control-sockets: 'cert-required' must be a boolean");
            }
            settings = settings.withTls(PemTls.context(resolve(baseDirectory, trustAnchor), resolve(baseDirectory, certFile),
                    resolve(baseDirectory, keyFile)), required);
        }
        JsonValue authentication = entry.get("authentication");
        if (authentication != null) {
            settings = settings.withAuthentication(authentication(authentication, baseDirectory));
        }
        JsonValue headers = entry.get("http-headers");
        if (headers != null) {
            settings = settings.withExtraHeaders(headers(headers));
        }
        return settings;
    }

    private static BasicAuthentication authentication(JsonValue value, Path baseDirectory) throws IOException {
        if (!(value instanceof JsonObject map)) {
            throw new IOException("control-sockets: 'authentication' must be a map");
        }
        String type = string(map, "type", null);
        if (!"basic".equals(type)) {
            throw new IOException("control-sockets: authentication 'type' must be 'basic'");
        }
        String realm = string(map, "realm", BasicAuthentication.DEFAULT_REALM);
        String directoryText = string(map, "directory", null);
        Path directory = directoryText == null ? baseDirectory : resolve(baseDirectory, directoryText);
        List<BasicAuthentication.Client> clients = new ArrayList<>();
        JsonValue list = map.get("clients");
        if (list != null && !(list instanceof JsonArray)) {
            throw new IOException("control-sockets: authentication 'clients' must be a list");
        }
        if (list instanceof JsonArray array) {
            for (JsonValue element : array) {
                if (!(element instanceof JsonObject client)) {
                    throw new IOException("control-sockets: each authentication client must be a map");
                }
                String user = string(client, "user", null);
                String password = string(client, "password", null);
                String userFile = string(client, "user-file", null);
                String passwordFile = string(client, "password-file", null);
                try {
                    if (passwordFile == null && userFile == null) {
                        if (user == null || user.isEmpty()) {
                            throw new IOException("control-sockets: an authentication client needs a 'user'");
                        }
                        clients.add(new BasicAuthentication.Client(user, password == null ? "" : password));
                    } else {
                        clients.add(BasicAuthentication.Client.fromFiles(directory, user, userFile, passwordFile));
                    }
                } catch (IllegalArgumentException e) {
                    throw new IOException("control-sockets: bad authentication client: " + e.getMessage(), e);
                }
            }
        }
        return new BasicAuthentication(realm, clients);
    }

    private static Map<String, String> headers(JsonValue value) throws IOException {
        if (!(value instanceof JsonArray array)) {
            throw new IOException("control-sockets: 'http-headers' must be a list");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (JsonValue element : array) {
            if (!(element instanceof JsonObject header)) {
                throw new IOException("control-sockets: each http-headers entry must be a map");
            }
            String name = string(header, "name", null);
            String text = string(header, "value", null);
            if (name == null || name.isEmpty() || text == null || !name.chars().allMatch(c -> c > 32 && c < 127 && c != ':')
                    || text.chars().anyMatch(c -> c == '\r' || c == '\n')) {
                throw new IOException("control-sockets: http-headers entries need a valid 'name' and 'value'");
            }
            headers.put(name, text);
        }
        return headers;
    }

    private static Path resolve(Path base, String name) {
        Path path = Path.of(name);
        return path.isAbsolute() || base == null ? path : base.resolve(path);
    }

    private static String string(JsonObject map, String key, String fallback) throws IOException {
        JsonValue value = map.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof JsonString text)) {
            throw new IOException("control-sockets: '" + key + "' must be a string");
        }
        return text.value();
    }

    private static long integer(JsonObject map, String key, long fallback) throws IOException {
        JsonValue value = map.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
            throw new IOException("control-sockets: '" + key + "' must be an integer");
        }
        return number.longValue();
    }
}
