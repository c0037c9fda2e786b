package dev.nestor.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class UdpDhcp4SocketTest {
    private static final Inet4Address LOOPBACK = (Inet4Address) Inet4Address.ofLiteral("127.0.0.1");

    @Test
    void receivesAndRepliesOverLoopback() throws Exception {
        ListenAddress address = new ListenAddress("lo", LOOPBACK, true);
        try (UdpDhcp4Socket socket = UdpDhcp4Socket.bind(address, 0, false);
             DatagramChannel client = DatagramChannel.open()) {
            client.bind(new InetSocketAddress(LOOPBACK, 0));
            client.send(ByteBuffer.wrap(new byte[]{1, 2, 3}), new InetSocketAddress(LOOPBACK, socket.port()));
            InboundDatagram datagram = socket.receive(ByteBuffer.allocateDirect(1500));
            assertThat(datagram.data()).containsExactly(1, 2, 3);
            assertThat(datagram.source()).isEqualTo(LOOPBACK);
            assertThat(datagram.receivedOnBroadcast()).isFalse();
            assertThat(datagram.socket().interfaceName()).isEqualTo("lo");
            socket.send(ByteBuffer.wrap(new byte[]{9}), datagram.source(), datagram.sourcePort());
            ByteBuffer reply = ByteBuffer.allocate(10);
            client.receive(reply);
            assertThat(reply.flip().get()).isEqualTo((byte) 9);
        }
    }

    @Test
    void closingUnblocksTheReceiver() throws Exception {
        UdpDhcp4Socket socket = UdpDhcp4Socket.bind(new ListenAddress("lo", LOOPBACK, true), 0, false);
        CompletableFuture<InboundDatagram> pending = CompletableFuture.supplyAsync(() -> {
            try {
                return socket.receive(ByteBuffer.allocate(1500));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.onSpinWait();
        socket.close();
        assertThat(pending.get(5, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void selectsLoopbackByNameAndByAddress() throws Exception {
        List<ListenAddress> byName = InterfaceSelector.select(List.of("lo"));
        assertThat(byName).extracting(ListenAddress::address).contains(LOOPBACK);
        assertThat(InterfaceSelector.select(List.of("lo/127.0.0.1")))
                .containsExactly(new ListenAddress("lo", LOOPBACK, true));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> InterfaceSelector.select(List.of("nosuch0")))
                .isInstanceOf(InterfaceSelectionException.class).hasMessageContaining("nosuch0");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> InterfaceSelector.select(List.of("lo/10.9.9.9")))
                .isInstanceOf(InterfaceSelectionException.class).hasMessageContaining("10.9.9.9");
    }
}
