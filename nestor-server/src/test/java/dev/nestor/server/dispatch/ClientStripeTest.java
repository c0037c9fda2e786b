package dev.nestor.server.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
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

    @Property(tries = 2000)
    void anyBytesGiveAKeyWithoutThrowing(@ForAll byte[] garbage) {
        ClientStripe.of(garbage);
    }
}
