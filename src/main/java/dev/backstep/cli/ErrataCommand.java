package dev.backstep.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstep.io.NetworkDefinition;
import dev.backstep.io.NetworkFileException;
import dev.backstep.trace.Errata;
import dev.backstep.trace.Numbers;
import dev.backstep.trace.Published;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;

/**
 * {@code errata FILE [--json]}: each value the file's source printed beside the exact value, and whether the source
 * is right to the precision it printed. Exit code 0 whatever the source got wrong (that is the finding); 1 when a
 * published value names a term the network does not have.
 */
final class ErrataCommand implements Command {
    @Override
    public String synopsis() {
        return "errata FILE [--json]";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Arguments a = Arguments.parse("errata", args, Set.of(), Set.of("--json"));
        String file = a.single("errata", "network FILE");
        NetworkDefinition definition = NetworkSource.load(file, OptionalLong.empty());
        Published published = definition.published();
        if (published == null || published.values().isEmpty()) {
            throw new NetworkFileException(file, "published", "missing (the file holds no values printed by a source,"
                    + " so there is nothing to check)");
        }
        List<Errata.Entry> entries = Errata.check(published, definition.newTrainer(), definition.labels());
        for (int i = 0; i < entries.size(); i++) {
            if (!entries.get(i).checked()) {
                throw new NetworkFileException(file, "published.values[" + i + "].term", entries.get(i).problem());
            }
        }
        if (a.flag("--json")) {
            printJson(entries, out);
        } else {
            printText(definition, published, entries, out);
        }
        return 0;
    }

    private static void printJson(List<Errata.Entry> entries, PrintStream out) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode array = mapper.createArrayNode();
        for (Errata.Entry e : entries) {
            ObjectNode item = array.addObject();
            item.put("term", e.published().term());
            item.put("label", e.published().label());
            item.put("published", e.published().printed());
            item.put("exact", e.exact());
            if (e.rounded() == null) {
                item.putNull("atPrintedPrecision");
            } else {
                item.put("atPrintedPrecision", e.rounded().toPlainString());
            }
            item.put("agrees", e.agrees());
            item.put("note", e.published().note());
        }
        out.println(mapper.writeValueAsString(array));
    }

    private static void printText(NetworkDefinition d, Published published, List<Errata.Entry> entries,
                                  PrintStream out) {
        out.println(d.name() + ": " + entries.size() + " values printed by " + (published.source().isEmpty()
                ? "the source" : published.source()));
        out.println("checked against the exact values of the first training step (notation "
                + published.notation().id() + ")");
        out.println();
        int termWidth = Math.max(4, entries.stream().mapToInt(e -> e.published().term().length()).max().orElse(4));
        int labelWidth = Math.max(5, entries.stream().mapToInt(e -> e.published().label().length()).max().orElse(5));
        String row = "  %-" + termWidth + "s  %-" + labelWidth + "s  %10s  %-20s  %s%n";
        out.printf(Locale.ROOT, row, "term", "label", "printed", "exact", "verdict");
        int wrong = 0;
        for (Errata.Entry e : entries) {
            String verdict = e.agrees() ? "agrees" : e.rounded() == null
                    ? "WRONG: the exact value is " + Numbers.format(e.exact(), true)
                    : "WRONG: " + e.rounded().toPlainString() + " at the printed precision";
            wrong += e.agrees() ? 0 : 1;
            out.printf(Locale.ROOT, row, e.published().term(), e.published().label(), e.published().printed(),
                    Numbers.format(e.exact(), 12, true), verdict);
        }
        out.println();
        out.println((entries.size() - wrong) + " agree, " + wrong + " wrong");
    }
}
