package io.imprint.protocol.mp.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.protocol.mp.MpPublicKey;
import io.imprint.protocol.mp.Mpmr;
import io.imprint.protocol.testing.Fuzz;
import io.imprint.protocol.testing.Mutations;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Pasted U-Boot 'mfgprot sign' output ({@code imprint mp verify --transcript}) fed mutations and random text. */
class UbootSignTranscriptFuzzTest {
    static final String CRLF = UbootSignTranscriptTest.KAT.replace("\n", "\r\n").toLowerCase();

    @Provide
    Arbitrary<String> transcript() {
        return Arbitraries.oneOf(Mutations.ofText(List.of(UbootSignTranscriptTest.KAT, CRLF)),
                Mutations.randomText(400));
    }

    @Property(tries = 400)
    void parseAndDiagnose_mutatedTranscript_onlyIllegalArgumentAndAVerdict(@ForAll("transcript") String text)
            throws GeneralSecurityException {
        MpPublicKey key = MpPublicKey.parse(MpDiagnosticsTest.PUBKEY);
        Fuzz.onlyThrows(() -> {
            UbootSignTranscript t = UbootSignTranscript.parse(text);
            assertThat(MpDiagnostics.diagnose(key, t, Optional.of(Mpmr.ZEROS))).isNotNull();
        }, IllegalArgumentException.class);
    }
}
