package io.imprint.device.agent;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.security.auth.x500.X500Principal;

/**
 * The outcome of provisioning one unit.
 *
 * @param serial the unit's serial
 * @param certificate the device certificate
 * @param secretNames names of the stored secrets (never values)
 * @param state the server's state for the unit, {@code provisioned} when confirmed
 */
public record ProvisioningResult(String serial, X509Certificate certificate, List<String> secretNames, String state) {
    public ProvisioningResult {
        secretNames = List.copyOf(secretNames);
    }

    /** The certificate subject, RFC 2253. */
    public String subject() {
        return certificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
    }

    /** Subject alternative names as {@code type:value}, e.g. {@code DNS:...} or {@code URI:...}. */
    public List<String> subjectAltNames() {
        List<String> out = new ArrayList<>();
        try {
            Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    out.add(typeName((Integer) san.get(0)) + ":" + san.get(1));
                }
            }
        } catch (CertificateParsingException e) {
            out.add("unparseable: " + e.getMessage());
        }
        return out;
    }

    private static String typeName(int type) {
        return switch (type) {
            case 1 -> "email";
            case 2 -> "DNS";
            case 6 -> "URI";
            case 7 -> "IP";
            default -> "type" + type;
        };
    }
}
