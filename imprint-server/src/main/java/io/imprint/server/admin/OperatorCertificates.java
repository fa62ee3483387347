package io.imprint.server.admin;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * The operator certificate format: subject {@code CN=<name>, OU=<role>[, O=<cm>]}, where the role is
 * {@code oem-admin}, {@code cm-operator} or {@code auditor} and {@code O} names the contract
 * manufacturer of a cm-operator. Only certificates the TLS stack has already verified against the
 * operator CA reach {@link #operator}.
 */
public final class OperatorCertificates {
    private static final int MAX_FIELD = 128;

    private OperatorCertificates() {
    }

    static X500Name subject(Operator operator) {
        X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE);
        if (operator.cm() != null) {
            b.addRDN(BCStyle.O, field("contract manufacturer", operator.cm()));
        }
        b.addRDN(BCStyle.OU, operator.role().slug());
        if (operator.local()) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST,
                    "operator names beginning with " + Operator.LOCAL_PREFIX + " are reserved for local use");
        }
        b.addRDN(BCStyle.CN, field("operator name", operator.name()));
        return b.build();
    }

    /**
     * The operator a verified client certificate names; a malformed subject (or a name claiming the
     * reserved {@code local:} prefix) is {@link ProblemCode#FORBIDDEN}.
     */
    public static Operator operator(X509Certificate verified) {
        X500Name subject = X500Name.getInstance(verified.getSubjectX500Principal().getEncoded());
        String name = single(subject, BCStyle.CN, true);
        String role = single(subject, BCStyle.OU, true);
        String cm = single(subject, BCStyle.O, false);
        try {
            Role r = Role.of(role);
            Operator who = new Operator(name, r, r == Role.CM_OPERATOR ? cm : null);
            if (who.local()) {
                throw new IllegalArgumentException("local: names are not certificate names");
            }
            return who;
        } catch (ImprintException | IllegalArgumentException e) {
            throw new ImprintException(ProblemCode.FORBIDDEN, "client certificate does not name a valid operator");
        }
    }

    /** Checks a name or CM before it goes into a certificate. */
    static String field(String label, String value) {
        if (value == null || value.isBlank() || value.length() > MAX_FIELD || !value.matches("[\\x20-\\x7E]+")) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST, label + " must be 1-128 printable ASCII characters");
        }
        return value;
    }

    private static String single(X500Name subject, ASN1ObjectIdentifier type, boolean required) {
        RDN[] rdns = subject.getRDNs(type);
        if (rdns.length == 0 && !required) {
            return null;
        }
        if (rdns.length != 1 || rdns[0].isMultiValued()) {
            throw new ImprintException(ProblemCode.FORBIDDEN, "client certificate does not name a valid operator");
        }
        if (!(rdns[0].getFirst().getValue() instanceof ASN1String text)) {
            throw new ImprintException(ProblemCode.FORBIDDEN, "client certificate does not name a valid operator");
        }
        return text.getString();
    }
}
