package io.imprint.server.issuance;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** PEM certificate chains as stored: concatenated PEM, device certificate first. */
public final class CertificateChains {
    private static final String END = "-----END CERTIFICATE-----";

    private CertificateChains() {
    }

    /** Splits a concatenated chain into one PEM string per certificate. */
    public static List<String> split(String chain) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int end;
        while ((end = chain.indexOf(END, start)) >= 0) {
            out.add(chain.substring(start, end + END.length()).strip() + "\n");
            start = end + END.length();
        }
        return out;
    }

    /** The DER encodings, in order. */
    public static List<byte[]> der(List<String> pems) throws GeneralSecurityException {
        List<byte[]> out = new ArrayList<>();
        for (String pem : pems) {
            out.add(PemFiles.certificate(pem).getEncoded());
        }
        return out;
    }

    public static X509Certificate first(String chain) throws GeneralSecurityException {
        return PemFiles.certificate(split(chain).get(0));
    }
}
