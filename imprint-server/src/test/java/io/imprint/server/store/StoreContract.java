package io.imprint.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One contract for every repository SPI, run against each database. */
abstract class StoreContract {
    private static final Instant T0 = Instant.ofEpochMilli(1_700_000_000_000L);
    Database db;
    final JdbcProductRepository products = new JdbcProductRepository();
    final JdbcOrderRepository orders = new JdbcOrderRepository();
    final JdbcChallengeRepository challenges = new JdbcChallengeRepository();
    final JdbcUnitRepository units = new JdbcUnitRepository();
    final JdbcEventRepository events = new JdbcEventRepository();

    abstract Database open() throws Exception;

    void dispose() throws Exception {
    }

    @BeforeEach
    void setUp() throws Exception {
        db = open();
        db.transaction(c -> {
            products.insert(c, new ProductRow("p1", "PN1", "00".repeat(32), "P256", "AB".repeat(64), "k:random:32", T0));
            orders.insert(c, new OrderRow("o1", "order-1", "p1", "CM", 2, 0, "SN", 6, 1, 10, "open", T0));
            return null;
        });
    }

    @AfterEach
    void tearDown() throws Exception {
        if (db != null) {
            db.close();
        }
        dispose();
    }

    @Test
    void productInsert_duplicateName_uniqueViolation() {
        assertThat(db.<java.util.Optional<ProductRow>>autoCommit(c -> products.find(c, "p1"))).get().extracting(ProductRow::partNumber).isEqualTo("PN1");
        assertThatThrownBy(() -> db.autoCommit(c -> {
            products.insert(c, new ProductRow("p1", "PN2", "11".repeat(32), "P256", "CD".repeat(64), "k:random:16", T0));
            return null;
        })).isInstanceOf(UniqueViolation.class);
        assertThat(db.<java.util.List<ProductRow>>autoCommit(products::list)).hasSize(1);
    }

    @Test
    void consumeOne_beyondQuantity_refused() {
        assertThat(db.<Boolean>autoCommit(c -> orders.consumeOne(c, "o1"))).isTrue();
        assertThat(db.<Boolean>autoCommit(c -> orders.consumeOne(c, "o1"))).isTrue();
        assertThat(db.<Boolean>autoCommit(c -> orders.consumeOne(c, "o1"))).isFalse();
        assertThat(db.<java.util.Optional<OrderRow>>autoCommit(c -> orders.findByName(c, "order-1"))).get().extracting(OrderRow::used).isEqualTo(2L);
    }

    @Test
    void consumeOne_closedOrder_refused() {
        assertThat(db.<Boolean>autoCommit(c -> orders.close(c, "o1"))).isTrue();
        assertThat(db.<Boolean>autoCommit(c -> orders.close(c, "o1"))).isFalse();
        assertThat(db.<Boolean>autoCommit(c -> orders.consumeOne(c, "o1"))).isFalse();
        assertThat(db.<java.util.Optional<OrderRow>>autoCommit(c -> orders.openOrderFor(c, "p1", "SN", 6, 5))).isEmpty();
    }

    @Test
    void openOrderFor_serialInsideAndOutside_foundOrNot() {
        assertThat(db.<java.util.Optional<OrderRow>>autoCommit(c -> orders.openOrderFor(c, "p1", "SN", 6, 10))).get().extracting(OrderRow::id)
                .isEqualTo("o1");
        assertThat(db.<java.util.Optional<OrderRow>>autoCommit(c -> orders.openOrderFor(c, "p1", "SN", 6, 11))).isEmpty();
        assertThat(db.<java.util.Optional<OrderRow>>autoCommit(c -> orders.openOrderFor(c, "p1", "SN", 7, 5))).isEmpty();
    }

    @Test
    void challengeConsume_twice_onlyFirstSucceeds() {
        db.autoCommit(c -> {
            challenges.insert(c, new ChallengeRow("aa".repeat(16), "p1", "bb".repeat(32), T0.plusSeconds(60), false));
            return null;
        });
        assertThat(db.<Boolean>autoCommit(c -> challenges.consume(c, "aa".repeat(16)))).isTrue();
        assertThat(db.<Boolean>autoCommit(c -> challenges.consume(c, "aa".repeat(16)))).isFalse();
        assertThat(db.<java.util.Optional<ChallengeRow>>autoCommit(c -> challenges.find(c, "aa".repeat(16)))).get().extracting(ChallengeRow::used)
                .isEqualTo(true);
        assertThat(db.<Integer>autoCommit(c -> challenges.deleteExpired(c, T0.plusSeconds(61), 10))).isEqualTo(1);
    }

    @Test
    void challengeDeleteExpired_moreThanLimit_deletesOnlyLimitExpiredRows() {
        db.autoCommit(c -> {
            for (int i = 0; i < 5; i++) {
                challenges.insert(c, new ChallengeRow("e" + i + "a".repeat(30), "p1", "bb".repeat(32),
                        T0.plusSeconds(i), false));
            }
            challenges.insert(c, new ChallengeRow("f".repeat(32), "p1", "bb".repeat(32), T0.plusSeconds(600), false));
            return null;
        });

        assertThat(db.<Integer>autoCommit(c -> challenges.deleteExpired(c, T0.plusSeconds(60), 3))).isEqualTo(3);
        assertThat(db.<Integer>autoCommit(c -> challenges.deleteExpired(c, T0.plusSeconds(60), 3))).isEqualTo(2);
        assertThat(db.<Integer>autoCommit(c -> challenges.deleteExpired(c, T0.plusSeconds(60), 3))).isZero();
        assertThat(db.<java.util.Optional<ChallengeRow>>autoCommit(c -> challenges.find(c, "f".repeat(32))))
                .isPresent();
    }

    @Test
    void unitInsert_knownChipOrSerial_uniqueViolation() {
        db.autoCommit(c -> {
            units.insert(c, unit("CHIP1", "SN000001"));
            return null;
        });
        assertThatThrownBy(() -> db.autoCommit(c -> {
            units.insert(c, unit("CHIP1", "SN000002"));
            return null;
        })).isInstanceOf(UniqueViolation.class);
        assertThatThrownBy(() -> db.autoCommit(c -> {
            units.insert(c, unit("CHIP2", "SN000001"));
            return null;
        })).isInstanceOf(UniqueViolation.class);
        assertThat(db.<java.util.Optional<UnitRow>>autoCommit(c -> units.findBySerial(c, "p1", "SN000001"))).get().extracting(UnitRow::chipId)
                .isEqualTo("CHIP1");
    }

    @Test
    void transaction_failure_rollsBackEverything() {
        assertThatThrownBy(() -> db.transaction(c -> {
            orders.consumeOne(c, "o1");
            units.insert(c, unit("CHIP1", "SN000001"));
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(db.<java.util.Optional<OrderRow>>autoCommit(c -> orders.findById(c, "o1"))).get().extracting(OrderRow::used).isEqualTo(0L);
        assertThat(db.<java.util.Optional<UnitRow>>autoCommit(c -> units.findByChip(c, "CHIP1"))).isEmpty();
    }

    @Test
    void markProvisioned_rightSession_onceThenCounted() {
        db.autoCommit(c -> {
            units.insert(c, unit("CHIP1", "SN000001"));
            units.recordSession(c, "cc".repeat(16), "CHIP1", "chain", T0);
            return null;
        });
        UnitSession delivered = db.<java.util.Optional<UnitSession>>autoCommit(c -> units.findSession(c, "cc".repeat(16)))
                .orElseThrow();
        UnitSession otherIssuance = new UnitSession("ff".repeat(16), "CHIP1", 1, "chain");
        assertThat(db.<Boolean>autoCommit(c -> units.markProvisioned(c, otherIssuance, T0))).isFalse();
        assertThat(db.<Boolean>autoCommit(c -> units.markProvisioned(c, delivered, T0))).isTrue();
        assertThat(db.<Boolean>autoCommit(c -> units.markProvisioned(c, delivered, T0))).isFalse();
        assertThat(db.<Boolean>autoCommit(c -> units.reissue(c, "CHIP1", "dd".repeat(16), "chain", T0.plusSeconds(99))))
                .isFalse();
        assertThat(db.<Map<String, Long>>autoCommit(c -> units.countByState(c, "p1", "o1"))).isEqualTo(Map.of("provisioned", 1L));
        assertThat(db.<java.util.Optional<UnitRow>>autoCommit(c -> units.findBySession(c, "cc".repeat(16)))).get()
                .extracting(UnitRow::confirmedAt).isEqualTo(T0);
    }

    @Test
    void reissue_olderChallengeThanStored_refusedNewerTakesPlace() {
        db.autoCommit(c -> {
            units.insert(c, unit("CHIP1", "SN000001"));
            return null;
        });
        assertThat(db.<Boolean>autoCommit(c -> units.reissue(c, "CHIP1", "dd".repeat(16), "c2", T0.plusSeconds(30))))
                .isFalse();
        assertThat(db.<Boolean>autoCommit(c -> units.reissue(c, "CHIP1", "ee".repeat(16), "c3", T0.plusSeconds(61))))
                .isTrue();
        assertThat(db.<java.util.Optional<UnitRow>>autoCommit(c -> units.findByChip(c, "CHIP1"))).get()
                .satisfies(u -> {
                    assertThat(u.sessionId()).isEqualTo("ee".repeat(16));
                    assertThat(u.certificateChain()).isEqualTo("c3");
                    assertThat(u.sessionExpiresAt()).isEqualTo(T0.plusSeconds(61));
                });
    }

    @Test
    void reprovision_sessionOfEarlierIssuance_noLongerConfirms() {
        db.autoCommit(c -> {
            units.insert(c, unit("CHIP1", "SN000001"));
            units.recordSession(c, "cc".repeat(16), "CHIP1", "chain", T0);
            return null;
        });
        UnitSession first = db.<java.util.Optional<UnitSession>>autoCommit(c -> units.findSession(c, "cc".repeat(16)))
                .orElseThrow();
        assertThat(db.<Boolean>autoCommit(c -> units.markProvisioned(c, first, T0))).isTrue();
        assertThat(db.<Boolean>autoCommit(c -> units.reprovision(c, "CHIP1", "dd".repeat(16), "c2", T0.plusSeconds(90))))
                .isTrue();
        db.autoCommit(c -> {
            units.recordSession(c, "dd".repeat(16), "CHIP1", "c2", T0);
            return null;
        });
        UnitSession second = db.<java.util.Optional<UnitSession>>autoCommit(c -> units.findSession(c, "dd".repeat(16)))
                .orElseThrow();
        assertThat(second.issuance()).isEqualTo(first.issuance() + 1);
        assertThat(db.<Boolean>autoCommit(c -> units.markProvisioned(c, first, T0))).isFalse();
        assertThat(db.<Boolean>autoCommit(c -> units.markProvisioned(c, second, T0))).isTrue();
    }

    @Test
    void events_insertAndCount_byOutcome() {
        db.autoCommit(c -> {
            events.insert(c, new EventRow("e1", T0, "p1", "o1", "CHIP1", "SN000001", "issued", "00".repeat(32), null,
                    null));
            events.insert(c, new EventRow("e2", T0.plusMillis(1), "p1", null, "CHIP2", null, "bad-signature", null, "x",
                    "0a1b2c3d4e5f6789"));
            return null;
        });
        assertThat(db.<Map<String, Long>>autoCommit(c -> events.countByOutcome(c, null, null)))
                .isEqualTo(Map.of("issued", 1L, "bad-signature", 1L));
        assertThat(db.<Map<String, Long>>autoCommit(c -> events.countByOutcome(c, "p1", "o1"))).isEqualTo(Map.of("issued", 1L));
        assertThat(db.<java.util.List<EventRow>>autoCommit(c -> events.recent(c, null, 1))).extracting(EventRow::id).containsExactly("e2");
    }

    @Test
    void events_correlationId_roundTrips() {
        db.autoCommit(c -> {
            events.insert(c, new EventRow("e3", T0, "p1", null, "CHIP3", null, "nonce-used", null, "x",
                    "0a1b2c3d4e5f6789"));
            events.insert(c, new EventRow("e4", T0.minusMillis(1), "p1", null, null, null, "issued", null, null, null));
            return null;
        });
        assertThat(db.<java.util.List<EventRow>>autoCommit(c -> events.recent(c, "p1", 2)))
                .extracting(EventRow::correlationId).containsExactly("0a1b2c3d4e5f6789", null);
    }

    private static UnitRow unit(String chip, String serial) {
        return new UnitRow(chip, "p1", serial, "o1", "issued", "cc".repeat(16), "escrow", "chain", T0, null,
                T0.plusSeconds(60));
    }
}
