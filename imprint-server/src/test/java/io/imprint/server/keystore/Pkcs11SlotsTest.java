package io.imprint.server.keystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Choosing the token a URI names among the tokens a module reports (the SoftHSM2 run is Pkcs11TokenSelectionTest). */
class Pkcs11SlotsTest {
    private static final String MODULE = "/usr/lib/softhsm/libsofthsm2.so";
    private static final Pkcs11Token OEM = new Pkcs11Token(11, "oem", "SoftHSM project", "SoftHSM v2", "aaaa000000000001");
    private static final Pkcs11Token DAY = new Pkcs11Token(22, "day-oem", "SoftHSM project", "SoftHSM v2", "aaaa000000000002");
    private static final Pkcs11Token TWIN1 = new Pkcs11Token(33, "twin", "SoftHSM project", "SoftHSM v2", "aaaa000000000003");
    private static final Pkcs11Token TWIN2 = new Pkcs11Token(44, "twin", "SoftHSM project", "SoftHSM v2", "aaaa000000000004");
    private static final List<Pkcs11Token> PRESENT = List.of(OEM, DAY, TWIN1, TWIN2);

    @Test
    void choose_label_isThatTokenNotTheFirst() {
        assertThat(Pkcs11Slots.choose(uri("pkcs11:token=day-oem?pin-value=secret123"), PRESENT, MODULE)).isEqualTo(DAY);
    }

    @Test
    void choose_missingLabel_notFoundNamingLabelAndTokensPresent() {
        assertThatThrownBy(() -> Pkcs11Slots.choose(uri("pkcs11:token=night-oem?pin-value=secret123"), PRESENT, MODULE))
                .isInstanceOfSatisfying(ImprintException.class, e -> assertThat(e.code()).isEqualTo(ProblemCode.NOT_FOUND))
                .hasMessageContaining("token=night-oem").hasMessageContaining("'day-oem'")
                .hasMessageNotContaining("secret123");
    }

    @Test
    void choose_sameLabelTwice_conflictListingSerials() {
        assertThatThrownBy(() -> Pkcs11Slots.choose(uri("pkcs11:token=twin?pin-value=secret123"), PRESENT, MODULE))
                .isInstanceOfSatisfying(ImprintException.class, e -> assertThat(e.code()).isEqualTo(ProblemCode.CONFLICT))
                .hasMessageContaining("2 PKCS#11 tokens match token=twin").hasMessageContaining("aaaa000000000003")
                .hasMessageContaining("aaaa000000000004").hasMessageContaining("serial=")
                .hasMessageNotContaining("secret123");
    }

    @Test
    void choose_labelAndSerial_selectsThatTwin() {
        assertThat(Pkcs11Slots.choose(uri("pkcs11:token=twin;serial=aaaa000000000004?pin-value=1"), PRESENT, MODULE))
                .isEqualTo(TWIN2);
        assertThat(Pkcs11Slots.choose(uri("pkcs11:serial=aaaa000000000003?pin-value=1"), PRESENT, MODULE)).isEqualTo(TWIN1);
    }

    @Test
    void choose_slotIdOfAnotherToken_notFound() {
        assertThatThrownBy(() -> Pkcs11Slots.choose(uri("pkcs11:token=day-oem;slot-id=11?pin-value=1"), PRESENT, MODULE))
                .isInstanceOf(ImprintException.class).hasMessageContaining("token=day-oem;slot-id=11");
        assertThat(Pkcs11Slots.choose(uri("pkcs11:token=twin;slot-id=33?pin-value=1"), PRESENT, MODULE)).isEqualTo(TWIN1);
    }

    @Test
    void choose_noTokens_saysSo() {
        assertThatThrownBy(() -> Pkcs11Slots.choose(uri("pkcs11:token=oem?pin-value=1"), List.of(), MODULE))
                .hasMessageContaining("no token present");
    }

    private static Pkcs11Uri uri(String text) {
        return Pkcs11Uri.parse(text);
    }
}
