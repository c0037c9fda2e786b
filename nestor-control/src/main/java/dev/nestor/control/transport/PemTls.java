package dev.nestor.control.transport;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds TLS contexts from the PEM files Kea's configs name: {@code trust-anchor} (a CA bundle file
 * or a directory of CA files), {@code cert-file} (the certificate chain) and {@code key-file} (an
 * unencrypted private key: PKCS#8 {@code PRIVATE KEY}, PKCS#1 {@code RSA PRIVATE KEY} or SEC1
 * {@code EC PRIVATE KEY}). Errors name the file and what was wrong with it.
 */
public final class PemTls {

    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    private static final char[] NO_PASSWORD = new char[0];

    private PemTls() {
    }

    /**
     * A context presenting {@code certFile}/{@code keyFile} and, when {@code trustAnchor} is given,
     * verifying peer certificates against it.
     */
    public static SSLContext context(Path trustAnchor, Path certFile, Path keyFile) throws IOException {
        try {
            KeyManagerFactory keys = null;
            if (certFile != null || keyFile != null) {
                if (certFile == null || keyFile == null) {
                    throw new IOException("cert-file and key-file must be given together");
                }
                List<X509Certificate> chain = certificates(certFile);
                if (chain.isEmpty()) {
                    throw new IOException("no certificate found in cert-file " + certFile);
                }
                PrivateKey key = privateKey(keyFile);
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry("nestor", key, NO_PASSWORD, chain.toArray(Certificate[]::new));
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(store, NO_PASSWORD);
            }
            TrustManagerFactory trust = null;
            if (trustAnchor != null) {
                KeyStore anchors = KeyStore.getInstance("PKCS12");
                anchors.load(null, null);
                int index = 0;
                for (X509Certificate certificate : trustAnchors(trustAnchor)) {
                    anchors.setCertificateEntry("anchor-" + index++, certificate);
                }
                if (index == 0) {
                    throw new IOException("no certificate found in trust-anchor " + trustAnchor);
                }
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(anchors);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot build TLS context: " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> trustAnchors(Path anchor) throws IOException {
        if (!Files.isDirectory(anchor)) {
            return certificates(anchor);
        }
        List<X509Certificate> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(anchor)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                try {
                    all.addAll(certificates(file));
                } catch (IOException e) {
                    // a CA directory may hold other files (hash links to the same certs, CRLs): skip them
                }
            }
        }
        return all;
    }

    /** Every {@code CERTIFICATE} block of a PEM file. */
    public static List<X509Certificate> certificates(Path file) throws IOException {
        List<X509Certificate> result = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Block block : blocks(file)) {
                if (block.type().equals("CERTIFICATE")) {
                    result.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("bad certificate in " + file + ": " + e.getMessage(), e);
        }
        return result;
    }

    /** The first private key block of a PEM file. */
    public static PrivateKey privateKey(Path file) throws IOException {
        for (Block block : blocks(file)) {
            switch (block.type()) {
                case "PRIVATE KEY" -> {
                    return pkcs8(block.der(), file);
                }
                case "RSA PRIVATE KEY" -> {
                    byte[] algorithm = Der.sequence(Der.concat(Der.oid(RSA_OID), new byte[] {0x05, 0x00}));
                    return pkcs8(wrapPkcs8(algorithm, block.der()), file);
                }
                case "EC PRIVATE KEY" -> {
                    byte[] curve = Der.ecCurveOid(block.der());
                    if (curve == null) {
                        throw new IOException("EC key in " + file + " does not name its curve");
                    }
                    byte[] algorithm = Der.sequence(Der.concat(Der.oid(EC_OID), curve));
                    return pkcs8(wrapPkcs8(algorithm, block.der()), file);
                }
                case "ENCRYPTED PRIVATE KEY" -> throw new IOException("encrypted private keys are not supported: " + file);
                default -> {
                    // other blocks (certificates, parameters) may precede the key
                }
            }
        }
        throw new IOException("no private key found in key-file " + file);
    }

    private static final byte[] RSA_OID = {0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01};
    private static final byte[] EC_OID = {0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

    private static byte[] wrapPkcs8(byte[] algorithm, byte[] key) {
        return Der.sequence(Der.concat(new byte[] {0x02, 0x01, 0x00}, algorithm, Der.tagged(0x04, key)));
    }

    private static PrivateKey pkcs8(byte[] der, Path file) throws IOException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IOException("unsupported or malformed private key in " + file);
    }

    private record Block(String type, byte[] der) {
    }

    private static List<Block> blocks(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        List<Block> blocks = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(text);
        while (matcher.find()) {
            try {
                blocks.add(new Block(matcher.group(1), Base64.getMimeDecoder().decode(matcher.group(2))));
            } catch (IllegalArgumentException e) {
                throw new IOException("bad base64 in " + file + ": " + e.getMessage(), e);
            }
        }
        return blocks;
    }

    /** The few DER pieces needed to wrap legacy key formats into PKCS#8. */
    private static final class Der {
        private Der() {
        }

        static byte[] sequence(byte[] content) {
            return tagged(0x30, content);
        }

        static byte[] oid(byte[] content) {
            return tagged(0x06, content);
        }

        static byte[] tagged(int tag, byte[] content) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
            out.write(tag);
            int length = content.length;
            if (length < 0x80) {
                out.write(length);
            } else if (length < 0x100) {
                out.write(0x81);
                out.write(length);
            } else if (length < 0x10000) {
                out.write(0x82);
                out.write(length >> 8);
                out.write(length);
            } else {
                out.write(0x83);
                out.write(length >> 16);
                out.write(length >> 8);
                out.write(length);
            }
            out.writeBytes(content);
            return out.toByteArray();
        }

        static byte[] concat(byte[]... parts) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (byte[] part : parts) {
                out.writeBytes(part);
            }
            return out.toByteArray();
        }

        /** The curve OID element (tag included) in the [0] field of a SEC1 ECPrivateKey, or null. */
        static byte[] ecCurveOid(byte[] sec1) {
            int[] position = {0};
            if (sec1.length < 2 || sec1[0] != 0x30) {
                return null;
            }
            position[0] = 1;
            int end = readLength(sec1, position) + position[0];
            while (position[0] < end && position[0] < sec1.length) {
                int tag = sec1[position[0]++] & 0xff;
                int length = readLength(sec1, position);
                if (length < 0 || position[0] + length > sec1.length) {
                    return null;
                }
                if (tag == 0xa0) {
                    byte[] inner = java.util.Arrays.copyOfRange(sec1, position[0], position[0] + length);
                    return inner.length > 2 && inner[0] == 0x06 ? inner : null;
                }
                position[0] += length;
            }
            return null;
        }

        private static int readLength(byte[] data, int[] position) {
            if (position[0] >= data.length) {
                return -1;
            }
            int first = data[position[0]++] & 0xff;
            if (first < 0x80) {
                return first;
            }
            int count = first & 0x7f;
            if (count > 3) {
                return -1;
            }
            int length = 0;
            for (int i = 0; i < count && position[0] < data.length; i++) {
                length = (length << 8) | (data[position[0]++] & 0xff);
            }
            return length;
        }
    }
}
