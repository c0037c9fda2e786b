package dev.nestor.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestor.wire.v4.Dhcp4Option;
import dev.nestor.wire.v6.Dhcp6Option;
import org.junit.jupiter.api.Test;

/** The payload readers and identity both option families share. */
class CodedOptionTest {
    private static final byte[] FOUR = {(byte) 192, 0, 2, 1};

    @Test
    void readersAreTheSameForBothFamilies() {
        for (CodedOption option : new CodedOption[] {Dhcp4Option.of(54, FOUR), Dhcp6Option.of(54, FOUR)}) {
            assertThat(option.code()).as("%s", option).isEqualTo(54);
            assertThat(option.length()).as("%s", option).isEqualTo(4);
            assertThat(option.byteAt(0)).as("%s", option).isEqualTo(192);
            assertThat(option.uint16()).as("%s", option).isEqualTo(0xc000);
            assertThat(option.uint32()).as("%s", option).isEqualTo(0xc0000201L);
            assertThat(option.dataEquals(FOUR)).as("%s", option).isTrue();
            assertThat(option.dataEquals(new byte[] {1})).as("%s", option).isFalse();
        }
    }

    @Test
    void shortPayloadsReadAsMinusOne() {
        for (CodedOption option : new CodedOption[] {Dhcp4Option.of(1, new byte[] {7}), Dhcp6Option.of(1, new byte[] {7})}) {
            assertThat(option.uint16()).as("%s", option).isEqualTo(-1);
            assertThat(option.uint32()).as("%s", option).isEqualTo(-1L);
        }
    }

    @Test
    void payloadIsCopiedInAndOut() {
        byte[] source = FOUR.clone();
        Dhcp6Option option = Dhcp6Option.of(9, source);
        source[0] = 0;
        option.data()[1] = 5;
        assertThat(option.data()).containsExactly(FOUR);
    }

    @Test
    void equalOnlyWithinOneFamily() {
        assertThat(Dhcp4Option.of(54, FOUR)).isEqualTo(Dhcp4Option.of(54, FOUR.clone()))
                .hasSameHashCodeAs(Dhcp4Option.of(54, FOUR.clone()))
                .isNotEqualTo(Dhcp4Option.of(55, FOUR)).isNotEqualTo(Dhcp6Option.of(54, FOUR));
        assertThat(Dhcp6Option.of(54, FOUR)).isEqualTo(Dhcp6Option.of(54, FOUR.clone()))
                .isNotEqualTo(Dhcp4Option.of(54, FOUR)).isNotEqualTo(null);
    }

    @Test
    void textShowsCodeLengthHexAndForDhcp4AnAddress() {
        assertThat(Dhcp4Option.of(54, FOUR)).hasToString("option 54 len 4: c0000201 (192.0.2.1)");
        assertThat(Dhcp4Option.of(12, new byte[] {0x61})).hasToString("option 12 len 1: 61");
        assertThat(Dhcp6Option.of(54, FOUR)).hasToString("option 54 len 4: c0000201");
    }
}
