package io.imprint.server.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.server.orders.SerialRange.Serial;
import org.junit.jupiter.api.Test;

class SerialRangeTest {
    private static final SerialRange SIX = SerialRange.parse("SN000001..SN001000");

    @Test
    void overlaps_sameNumbersOtherZeroPadding_overlap() {
        SerialRange five = SerialRange.parse("SN00995..SN01010");
        assertThat(five.overlaps(SIX)).isTrue();
        assertThat(SIX.overlaps(five)).isTrue();
        assertThat(SerialRange.parse("SN0001000..SN0001000").overlaps(SIX)).isTrue();
    }

    @Test
    void overlaps_numbersApartOrOtherPrefix_noOverlap() {
        assertThat(SerialRange.parse("SN01001..SN02000").overlaps(SIX)).isFalse();
        assertThat(SerialRange.parse("SX00995..SX01010").overlaps(SIX)).isFalse();
    }

    @Test
    void contains_serialWithOtherPadding_notInRange() {
        assertThat(SIX.contains(Serial.parse("SN000995").orElseThrow())).isTrue();
        assertThat(SIX.contains(Serial.parse("SN00995").orElseThrow())).isFalse();
    }
}
