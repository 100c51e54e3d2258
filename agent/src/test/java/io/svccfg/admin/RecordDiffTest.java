package io.svccfg.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Type;

class RecordDiffTest {
    private static final Name HTTP = Name.fromConstantString("_http._tcp.example.test.");
    private static final RecordSet SRV = new RecordSet(HTTP, Type.SRV);

    private static Record srv(long ttl, int weight, String target) {
        return new SRVRecord(HTTP, DClass.IN, ttl, 1, weight, 80, Name.fromConstantString(target));
    }

    @Test
    void theSameRecordsMakeNoChange() {
        Map<RecordSet, List<Record>> records = Map.of(SRV, List.of(srv(60, 100, "a.example.test."),
                srv(60, 50, "b.example.test.")));
        assertTrue(RecordDiff.between(records, records).isEmpty());
    }

    @Test
    void onlyWhatDiffersIsDeletedOrAdded() {
        RecordDiff diff = RecordDiff.between(
                Map.of(SRV, List.of(srv(60, 100, "a.example.test."), srv(60, 50, "b.example.test."))),
                Map.of(SRV, List.of(srv(60, 100, "a.example.test."), srv(60, 70, "b.example.test."))));
        assertEquals(List.of(srv(60, 50, "b.example.test.")), diff.deletes());
        assertEquals(List.of(srv(60, 70, "b.example.test.")), diff.adds());
    }

    @Test
    void aNewTtlReplacesTheRecord() {
        RecordDiff diff = RecordDiff.between(Map.of(SRV, List.of(srv(300, 100, "a.example.test."))),
                Map.of(SRV, List.of(srv(60, 100, "a.example.test."))));
        assertEquals(1, diff.deletes().size());
        assertEquals(300, diff.deletes().get(0).getTTL());
        assertEquals(60, diff.adds().get(0).getTTL());
    }

    @Test
    void anRRsetThePlanEmptiesIsDeletedWhole() {
        RecordDiff diff = RecordDiff.between(Map.of(SRV, List.of(srv(60, 1, "gone.example.test."))),
                Map.of(SRV, List.of()));
        assertEquals(List.of(srv(60, 1, "gone.example.test.")), diff.deletes());
        assertTrue(diff.adds().isEmpty());
    }

    @Test
    void rrsetsTheFleetDoesNotOwnAreLeftAlone() {
        RecordSet other = new RecordSet(Name.fromConstantString("_sip._udp.example.test."), Type.SRV);
        Record sip = new SRVRecord(other.name(), DClass.IN, 60, 1, 1, 5060, Name.fromConstantString("s.example.test."));
        RecordDiff diff = RecordDiff.between(Map.of(other, List.of(sip)), Map.of(SRV, List.of()));
        assertTrue(diff.isEmpty(), diff.toString());
    }
}
