package io.svccfg.demo.dns;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.RelativeNameException;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/** Master-file text (RFC 1035 section 5) to records, with dnsjava's {@code Master}, and its errors made readable. */
final class ZoneParser {
    /** dnsjava's tokenizer reports {@code FILE:LINE: message}; the file is {@code <none>} for a stream. */
    private static final Pattern LOCATED = Pattern.compile("^(.*?):(\\d+): (.*)$", Pattern.DOTALL);
    static final String SYNTAX = "master file records like 'name [ttl] [IN] TYPE data' (RFC 1035 section 5)";

    /** What a parse gives: the origin (given, or the SOA's owner) and the records in file order. */
    record Parsed(Name origin, List<Record> records) {
    }

    private ZoneParser() {
    }

    /**
     * @param source the file name or label, for messages
     * @param includes whether {@code $INCLUDE} may read other files: yes for a file on disk, no for generated text
     */
    static Parsed parse(String source, String text, Optional<Name> origin, boolean includes)
            throws ZoneFileException {
        List<Record> records = new ArrayList<>();
        try (Master master = new Master(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)),
                origin.orElse(null))) {
            master.disableIncludes(!includes);
            for (Record r = master.nextRecord(); r != null; r = master.nextRecord()) {
                records.add(r);
            }
        } catch (TextParseException e) {
            throw located(source, e);
        } catch (RelativeNameException e) {
            throw new ZoneFileException(source, OptionalInt.empty(), e.getMessage() + " and no origin is known",
                    "$ORIGIN before relative names, --origin, or absolute names ending in '.'");
        } catch (IOException | RuntimeException e) {
            throw new ZoneFileException(source, OptionalInt.empty(), "cannot read it: " + e.getMessage(), SYNTAX);
        }
        if (records.isEmpty()) {
            throw new ZoneFileException(source, OptionalInt.empty(), "no records", "an SOA, NS and other records");
        }
        Name zone = origin.orElseGet(() -> records.stream().filter(r -> r.getType() == Type.SOA).findFirst()
                .map(Record::getName).orElse(null));
        if (zone == null) {
            throw new ZoneFileException(source, OptionalInt.empty(), "no SOA record and no --origin",
                    "one SOA at the zone's origin, like '@ 3600 IN SOA ns1 hostmaster 1 3600 600 86400 60'");
        }
        return new Parsed(zone, records);
    }

    private static ZoneFileException located(String source, TextParseException e) {
        String message = String.valueOf(e.getMessage());
        Matcher m = LOCATED.matcher(message);
        if (m.matches()) {
            // A line in an $INCLUDEd file keeps that file's name; a line of ours gets our label.
            String file = m.group(1).equals("<none>") ? source : source + " ($INCLUDE " + m.group(1) + ")";
            return new ZoneFileException(file, OptionalInt.of(Integer.parseInt(m.group(2))), m.group(3), SYNTAX);
        }
        return new ZoneFileException(source, OptionalInt.empty(), message, SYNTAX);
    }
}
