package dev.nestor.server.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ClientStripeTest {
    private static byte[] packet(byte[] mac, byte[] clientId) {
        int optionsLength = clientId == null ? 1 : 3 + clientId.length;
        byte[] packet = new byte[240 + optionsLength];
        packet[0] = 1;
        packet[1] = 1;
        packet[2] = (byte) mac.length;
        System.arraycopy(mac, 0, packet, 28, mac.length);
        int p = 240;
        if (clientId != null) {
            packet[p++] = 61;
            packet[p++] = (byte) clientId.length;
            System.arraycopy(clientId, 0, packet, p, clientId.length);
            p += clientId.length;
        }
        packet[p] = (byte) 255;
        return packet;
    }

    @Test
    void clientIdWinsOverHardwareAddress() {
        byte[] id = {1, 2, 3, 4, 5, 6, 7};
        assertThat(ClientStripe.of(packet(new byte[]{1, 1, 1, 1, 1, 1}, id)))
                .isEqualTo(ClientStripe.of(packet(new byte[]{2, 2, 2, 2, 2, 2}, id)));
        assertThat(ClientStripe.of(packet(new byte[]{1, 1, 1, 1, 1, 1}, null)))
                .isNotEqualTo(ClientStripe.of(packet(new byte[]{1, 1, 1, 1, 1, 2}, null)));
    }

    /** Seeded random byte strings, half of them with a DHCP-like header, never make the peek throw. */
    @Test
    void anyBytesGiveAKeyWithoutThrowing() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            byte[] garbage = new byte[random.nextInt(i % 2 == 0 ? 64 : 600)];
            random.nextBytes(garbage);
            ClientStripe.of(garbage);
            ClientStripe.readOnly(garbage);
        }
    }
}
