package dev.nestor.control.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * HTTP basic authentication as Kea's {@code "authentication": {"type": "basic", ...}} block:
 * a realm and a list of clients, each a user and a password given inline or read from files.
 * A request passes when its {@code Authorization: Basic ...} header matches one client exactly.
 * Comparison is constant-time so the answer time does not leak how much of a secret matched.
 */
public final class BasicAuthentication {

    /** One accepted user:password pair. */
    public record Client(String user, String password) {
        public Client {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
            if (user.isEmpty()) {
                throw new IllegalArgumentException("user must not be empty");
            }
            if (user.indexOf(':') >= 0) {
                throw new IllegalArgumentException("user must not contain ':': " + user);
            }
        }

        /**
         * Builds a client from Kea's file keys, paths relative to {@code directory} unless absolute:
         * {@code user-file} holds the user, {@code password-file} the password; with only a
         * {@code password-file} and no user, that file holds {@code user:password}. One trailing
         * newline is ignored in each file.
         */
        public static Client fromFiles(Path directory, String user, String userFile, String passwordFile)
                throws IOException {
            String resolvedUser = user;
            if (userFile != null) {
                resolvedUser = read(directory, userFile);
            }
            if (passwordFile == null) {
                throw new IOException("password-file is required when the password is not given inline");
            }
            String secret = read(directory, passwordFile);
            if (resolvedUser == null) {
                int colon = secret.indexOf(':');
                if (colon <= 0) {
                    throw new IOException("password-file " + passwordFile + " must hold user:password");
                }
                return new Client(secret.substring(0, colon), secret.substring(colon + 1));
            }
            return new Client(resolvedUser, secret);
        }

        private static String read(Path directory, String name) throws IOException {
            Path file = directory == null ? Path.of(name) : directory.resolve(name);
            String content = Files.readString(file, StandardCharsets.UTF_8);
            if (content.endsWith("\r\n")) {
                return content.substring(0, content.length() - 2);
            }
            return content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
        }
    }

    private final String realm;
    private final List<byte[]> credentials;

    /** Kea's default realm for the DHCPv4 server's own HTTP control socket. */
    public static final String DEFAULT_REALM = "kea-dhcpv4-server";

    public BasicAuthentication(String realm, List<Client> clients) {
        this.realm = realm == null || realm.isEmpty() ? DEFAULT_REALM : realm;
        List<byte[]> encoded = new ArrayList<>();
        for (Client client : clients) {
            encoded.add(Base64.getEncoder().encodeToString(
                    (client.user() + ":" + client.password()).getBytes(StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.US_ASCII));
        }
        this.credentials = List.copyOf(encoded);
    }

    /** The realm sent in {@code WWW-Authenticate}. */
    public String realm() {
        return realm;
    }

    /** Whether the value of an {@code Authorization} header (null if absent) names a known client. */
    public boolean accepts(String authorization) {
        if (authorization == null) {
            return false;
        }
        String value = authorization.strip();
        if (value.length() < 6 || !value.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        byte[] offered = value.substring(6).strip().getBytes(StandardCharsets.US_ASCII);
        boolean match = false;
        for (byte[] known : credentials) {
            match |= MessageDigest.isEqual(known, offered);
        }
        return match;
    }
}
