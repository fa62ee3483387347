package io.imprint.cli.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.imprint.protocol.problem.AlertClass;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.Imprint;
import io.imprint.server.audit.AuditTamperException;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The guarantees a chaos run must leave intact, checked on the store after every node has stopped:
 * one identity per chip, no serial twice, the quota never exceeded, every acknowledged unit present,
 * every device that kept retrying provisioned with the secrets it first received, every event with
 * its audit entry, a verifying audit trail, and no alert raised against a genuine device.
 * Returns the list of violations (empty when all hold).
 */
final class Invariants {
    private final Imprint imprint;
    private final List<String> violations = new ArrayList<>();

    private Invariants(Imprint imprint) {
        this.imprint = imprint;
    }

    static List<String> check(Imprint imprint, String orderName, List<SwarmDevice> devices) throws Exception {
        Invariants inv = new Invariants(imprint);
        Map<String, String[]> units = inv.units();
        inv.devices(devices, units);
        inv.quota(orderName, units);
        inv.eventsAudited();
        inv.noAlertsAgainst(devices);
        try {
            imprint.audit().verifyStore();
        } catch (AuditTamperException e) {
            inv.violations.add("audit trail does not verify: " + e.getMessage());
        }
        return inv.violations;
    }

    /** chip id -> {serial, state, first certificate's public key (base64), order id}. */
    private Map<String, String[]> units() {
        return imprint.database().transaction(c -> {
            Map<String, String[]> rows = new HashMap<>();
            Set<String> serials = new HashSet<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT chip_id, product, serial, state, certificate_chain, order_id FROM units");
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    if (!serials.add(r.getString(2) + "/" + r.getString(3))) {
                        violations.add("serial " + r.getString(3) + " held by two units");
                    }
                    rows.put(r.getString(1), new String[] {r.getString(3), r.getString(4),
                            publicKey(firstPem(r.getString(5))), r.getString(6)});
                }
            }
            return rows;
        });
    }

    private void devices(List<SwarmDevice> devices, Map<String, String[]> units) throws Exception {
        for (SwarmDevice d : devices) {
            String[] unit = units.get(d.chipId());
            if (!d.confirmed()) {
                violations.add("device kept retrying but was not provisioned: " + d.describe());
            }
            if (d.confirmed() && (unit == null || !"provisioned".equals(unit[1]) || !d.serial().equals(unit[0]))) {
                violations.add("acknowledged unit missing or not provisioned in the store: " + d.describe());
            }
            Set<String> keys = new HashSet<>();
            for (String cert : d.issuedCertificates()) {
                keys.add(publicKey(firstPem(cert)));
            }
            if (keys.size() > 1) {
                violations.add("chip " + d.chipId() + " was issued " + keys.size() + " identities");
            }
            if (unit != null && !keys.isEmpty() && !keys.contains(unit[2])) {
                violations.add("chip " + d.chipId() + " holds an identity the store does not record");
            }
            Map<String, byte[]> first = d.firstSecrets();
            Map<String, byte[]> now = d.currentSecrets();
            for (var e : first.entrySet()) {
                if (!Arrays.equals(e.getValue(), now.get(e.getKey()))) {
                    violations.add("chip " + d.chipId() + " secret " + e.getKey() + " differs from the first delivery");
                }
            }
        }
    }

    private void quota(String orderName, Map<String, String[]> units) {
        var order = imprint.orders().get(orderName);
        long held = units.values().stream().filter(u -> order.id().equals(u[3])).count();
        if (order.used() > order.quantity()) {
            violations.add("order " + orderName + " used " + order.used() + " of " + order.quantity());
        }
        if (held != order.used()) {
            violations.add("order " + orderName + " counts " + order.used() + " used but holds " + held + " units");
        }
    }

    private void eventsAudited() {
        ObjectMapper json = new ObjectMapper();
        imprint.database().transaction(c -> {
            Set<String> events = new HashSet<>();
            try (ResultSet r = c.prepareStatement("SELECT id FROM events").executeQuery()) {
                while (r.next()) {
                    events.add(r.getString(1));
                }
            }
            Set<String> audited = new HashSet<>();
            try (ResultSet r = c.prepareStatement("SELECT payload FROM audit_entries WHERE kind = 'event'").executeQuery()) {
                while (r.next()) {
                    try {
                        audited.add(json.readTree(r.getString(1)).path("id").asText());
                    } catch (java.io.IOException e) {
                        violations.add("audit entry payload is not JSON: " + e.getMessage());
                    }
                }
            }
            Set<String> missing = new HashSet<>(events);
            missing.removeAll(audited);
            if (!missing.isEmpty()) {
                violations.add(missing.size() + " events without their audit entry, e.g. " + missing.iterator().next());
            }
            Set<String> orphans = new HashSet<>(audited);
            orphans.removeAll(events);
            if (!orphans.isEmpty()) {
                violations.add(orphans.size() + " audit entries of events that are not in the events table");
            }
            return null;
        });
    }

    /** Refusal events of an alert class recorded against the swarm's chips (all genuine). */
    private void noAlertsAgainst(List<SwarmDevice> devices) {
        Set<String> chips = new HashSet<>();
        devices.forEach(d -> chips.add(d.chipId()));
        imprint.database().transaction(c -> {
            try (ResultSet r = c.prepareStatement("SELECT chip_id, outcome, detail FROM events").executeQuery()) {
                while (r.next()) {
                    String outcome = r.getString(2);
                    if (chips.contains(r.getString(1)) && ProblemCode.isSlug(outcome)
                            && ProblemCode.fromSlug(outcome).alertClass() != AlertClass.NONE) {
                        violations.add("alert " + outcome + " against genuine chip " + r.getString(1) + ": " + r.getString(3));
                    }
                }
            }
            return null;
        });
        devices.forEach(d -> d.falseAlerts().forEach(a -> violations.add("device " + d.chipId() + " refused: " + a)));
    }

    /** The DER of the first certificate of a PEM chain (or of one base64 DER certificate). */
    private static byte[] firstPem(String chain) {
        if (!chain.contains("-----BEGIN CERTIFICATE-----")) {
            return Base64.getMimeDecoder().decode(chain);
        }
        String body = chain.substring(chain.indexOf("-----BEGIN CERTIFICATE-----") + 27, chain.indexOf("-----END CERTIFICATE-----"));
        return Base64.getMimeDecoder().decode(body);
    }

    private static String publicKey(byte[] der) {
        try {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            return Base64.getEncoder().encodeToString(cert.getPublicKey().getEncoded());
        } catch (java.security.cert.CertificateException e) {
            throw new IllegalStateException("unreadable certificate", e);
        }
    }
}
