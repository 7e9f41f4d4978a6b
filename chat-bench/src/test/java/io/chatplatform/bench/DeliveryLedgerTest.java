package io.chatplatform.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeliveryLedgerTest {

    private final Metrics metrics = new Metrics();
    private final Metrics.Op delivery = metrics.op("delivery");
    private final DeliveryLedger ledger = new DeliveryLedger(new long[]{100, 200}, delivery, metrics.op("send-to-frame"));

    DeliveryLedgerTest() {
        metrics.startMeasuring();
    }

    @Test
    void aMessageAcceptedThenReceivedIsDeliveredOnceWithItsLatency() {
        ledger.accepted(0, 1, 1_000_000);
        ledger.received(0, 1, 7, 500_000, 4_000_000);
        metrics.stopMeasuring();

        DeliveryLedger.Tally t = ledger.tally();
        assertThat(t.expected()).isEqualTo(1);
        assertThat(t.delivered()).isEqualTo(1);
        assertThat(t.lost() + t.duplicated() + t.unexpected()).isZero();
        assertThat(t.framesBeforeResponse()).isZero();
        assertThat(delivery.total().getTotalCount()).isEqualTo(1);
        assertThat(delivery.total().getMaxValue()).isBetween(2_990L, 3_010L); // 3 ms in microseconds
        assertThat(ledger.complete()).isTrue();
    }

    @Test
    void aFrameThatBeatsTheResponseCountsAsDeliveredWithZeroLatency() {
        ledger.received(1, 5, 7, -1, 1_000_000);
        ledger.accepted(1, 5, 2_000_000);
        metrics.stopMeasuring();

        DeliveryLedger.Tally t = ledger.tally();
        assertThat(t.delivered()).isEqualTo(1);
        assertThat(t.unexpected()).isZero();
        assertThat(t.framesBeforeResponse()).isEqualTo(1);
        assertThat(delivery.total().getMaxValue()).isLessThanOrEqualTo(1);
    }

    @Test
    void aSecondFrameForTheSameMessageIsADuplicate() {
        ledger.accepted(0, 1, 0);
        ledger.received(0, 1, 7, -1, 10);
        ledger.received(0, 1, 7, -1, 20);
        ledger.received(0, 1, 7, -1, 30);

        DeliveryLedger.Tally t = ledger.tally();
        assertThat(t.delivered()).isEqualTo(1);
        assertThat(t.duplicated()).isEqualTo(2);
        assertThat(t.receiversWithDuplicates()).isEqualTo(1);
        assertThat(t.receiversWithLoss()).isZero();
    }

    @Test
    void expectedMessagesThatNeverArriveAreLostPerReceiver() {
        ledger.accepted(0, 1, 0);
        ledger.accepted(0, 2, 0);
        ledger.accepted(1, 3, 0);
        ledger.received(0, 1, 7, -1, 10);

        assertThat(ledger.complete()).isFalse();
        DeliveryLedger.Tally t = ledger.tally();
        assertThat(t.expected()).isEqualTo(3);
        assertThat(t.delivered()).isEqualTo(1);
        assertThat(t.lost()).isEqualTo(2);
        assertThat(t.receiversWithLoss()).isEqualTo(2);
    }

    @Test
    void aMessageForTheWrongReceiverIsUnexpectedThereAndLostAtItsRecipient() {
        ledger.accepted(0, 1, 0);
        ledger.received(1, 1, 7, -1, 10);

        DeliveryLedger.Tally t = ledger.tally();
        assertThat(t.lost()).isEqualTo(1);
        assertThat(t.unexpected()).isEqualTo(1);
    }

    @Test
    void aReceiversOwnMessagesAreEchoesNotDeliveries() {
        ledger.received(0, 9, 100, -1, 10);

        DeliveryLedger.Tally t = ledger.tally();
        assertThat(t.ownEchoes()).isEqualTo(1);
        assertThat(t.unexpected()).isZero();
        assertThat(t.delivered()).isZero();
    }

    @Test
    void theSendToFrameLatencyComesFromTheTimeInTheContent() {
        Metrics.Op e2e = metrics.op("send-to-frame");
        ledger.accepted(0, 1, 3_000_000);
        ledger.received(0, 1, 7, 1_000_000, 5_000_000);
        metrics.stopMeasuring();
        assertThat(e2e.total().getMaxValue()).isBetween(3_990L, 4_010L);
    }

    @Test
    void eachMessageHasOneChangeIdPerKindAndNoneIsAMessageId() {
        long edit = DeliveryLedger.changeId(7, DeliveryLedger.EDIT);
        long reaction = DeliveryLedger.changeId(7, DeliveryLedger.REACTION);
        assertThat(edit).isNotEqualTo(reaction);
        assertThat(DeliveryLedger.changeId(8, DeliveryLedger.EDIT)).isNotIn(edit, reaction);
        assertThat(DeliveryLedger.changeId(1L << 40, DeliveryLedger.REACTION))
                .isNotEqualTo(DeliveryLedger.changeId((1L << 40) + 1, DeliveryLedger.EDIT));
        assertThatThrownBy(() -> DeliveryLedger.changeId(7, 3))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aChangesEndToEndLatencyIsMeasuredFromTheStartItsAcceptanceReports() {
        Metrics.Op e2e = metrics.op("send-to-frame");
        long change = DeliveryLedger.changeId(1, DeliveryLedger.REACTION);
        // the frame first (no time of its own), then the response: 5 ms after the start, 2 ms before the response
        ledger.received(0, change, 7, -1, 6_000_000);
        ledger.accepted(0, change, 1_000_000, 8_000_000);
        long edit = DeliveryLedger.changeId(1, DeliveryLedger.EDIT);
        // the response first, then the frame: 3 ms after the start, 1 ms after the response
        ledger.accepted(1, edit, 10_000_000, 12_000_000);
        ledger.received(1, edit, 7, -1, 13_000_000);
        metrics.stopMeasuring();

        DeliveryLedger.Tally t = ledger.tally();
        assertThat(t.delivered()).isEqualTo(2);
        assertThat(t.framesBeforeResponse()).isEqualTo(1);
        assertThat(e2e.total().getTotalCount()).isEqualTo(2);
        assertThat(e2e.total().getMinValue()).isBetween(2_990L, 3_010L);
        assertThat(e2e.total().getMaxValue()).isBetween(4_990L, 5_010L);
        assertThat(delivery.total().getMaxValue()).isBetween(990L, 1_010L);
    }
}
